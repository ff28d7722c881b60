# The tracelab Python prelude: builtins that take callables, written in the subset so
# that tracing sees them. `_prim_x(...)` is the primitive `py.x`, or `py.builtin("x", ...)`.
# The frontend passes every parameter (defaults are filled in at the call site).


def sorted(iterable, key, reverse):
    items = list(iterable)
    list_sort(items, key, reverse)
    return items


def list_sort(items, key, reverse):
    if key is None:
        _prim_sort(items, reverse)
    else:
        keys = [key(x) for x in items]
        _prim_sort_keys(items, keys, reverse)
    return None


def min(iterable, key, has_default, default):
    items = list(iterable)
    if len(items) == 0:
        if has_default:
            return default
        raise ValueError("min() arg is an empty sequence")
    best = items[0]
    i = 1
    if key is None:
        while i < len(items):
            x = items[i]
            if x < best:
                best = x
            i += 1
        return best
    best_key = key(best)
    while i < len(items):
        x = items[i]
        k = key(x)
        if k < best_key:
            best = x
            best_key = k
        i += 1
    return best


def max(iterable, key, has_default, default):
    items = list(iterable)
    if len(items) == 0:
        if has_default:
            return default
        raise ValueError("max() arg is an empty sequence")
    best = items[0]
    i = 1
    if key is None:
        while i < len(items):
            x = items[i]
            if x > best:
                best = x
            i += 1
        return best
    best_key = key(best)
    while i < len(items):
        x = items[i]
        k = key(x)
        if k > best_key:
            best = x
            best_key = k
        i += 1
    return best


def map(f, iterable):
    out = []
    for x in iterable:
        out.append(f(x))
    return out


def filter(f, iterable):
    out = []
    for x in iterable:
        if f is None:
            if x:
                out.append(x)
        elif f(x):
            out.append(x)
    return out

# Differential edge cases (edge_scoping): each agrees with CPython 3.11.
def outer():
    def inner():
        return v
    r = inner() if False else None
    try:
        inner()
    except NameError as e:
        r = str(e)
    v = 1
    return [r, inner()]

def rec(n):
    return rec(n + 1) + 1

def main(args):
    out = [outer()]
    try:
        rec(0)
    except RecursionError as e:
        out.append(str(e))
    try:
        undefined_thing
    except NameError as e:
        out.append(str(e))
    e = "still"
    try:
        raise ValueError("v")
    except ValueError as e:
        pass
    try:
        print(e)
    except UnboundLocalError as err:
        out.append(str(err))
    for i in range(10, 0, -3):
        out.append(i)
    for i, (a, b) in enumerate([(1, 2), (3, 4)]):
        out.append(a * b + i)
    for k in {"x": 1, "y": 2}:
        out.append(k)
    for k, v in {"x": 1}.items():
        out.append(k + str(v))
    for c in "hé":
        out.append(c)
    n = 0
    for i in range(3):
        for j in range(3):
            if j == 1:
                continue
            if i == 2:
                break
            n += 1
    out.append(n)
    return out

# Where an unbound check can and cannot be left out: loops that may not run, finally,
# defs in loops, `except … as` unbinding a captured name, module code calling early.
def f():
    return late


def loop_then_read(n):
    for i in range(n):
        v = i
    return v


def in_finally(flag):
    try:
        if flag:
            raise ValueError("x")
        w = 1
    except ValueError:
        pass
    finally:
        try:
            return w
        except UnboundLocalError as e:
            return str(e)


def def_in_loop(n):
    out = []
    for i in range(n):
        def get():
            return val
        try:
            out.append(get())
        except NameError as e:
            out.append(str(e))
        val = i
    return out


def handler_then_closure():
    e = 1
    def show():
        return e
    try:
        raise KeyError("k")
    except KeyError as e:
        pass
    try:
        return show()
    except NameError as err:
        return str(err)


try:
    early = f()
except NameError as err:
    early = str(err)
late = 5


def main(args):
    out = [early, f()]
    try:
        out.append(loop_then_read(args["n"]))
    except UnboundLocalError as e:
        out.append(str(e))
    out.append(in_finally(args["n"] == 0))
    out.append(def_in_loop(2))
    out.append(handler_then_closure())
    return out

# containerless.md §8: the prototype re-initialised a reassigned parameter to None
# (`def f(x): x = x + 1` raised TypeError). Parameters keep their arguments here.
def f(x):
    x = x + 1
    return x


def clamp(lo, hi, v):
    if v < lo:
        v = lo
    if v > hi:
        v = hi
    return v


def main(args):
    return [f(args["x"]), clamp(0, 10, args["x"])]

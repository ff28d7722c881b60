# containerless.md §8: `a[i] = v` re-initialised `a` and `i` to None. Subscript targets
# only store into the container here.
def main(args):
    a = [0, 0, 0]
    i = args["i"]
    a[i] = "set"
    d = {}
    d[args["key"]] = i
    d[args["key"]] += 1
    a[-1] = a[i]
    return {"a": a, "d": d, "i": i}

# containerless.md §8: every assigned name was initialised to None, so a read before the
# assignment gave None. CPython raises UnboundLocalError (NameError at module level).
def maybe(flag):
    if flag:
        result = "assigned"
    return result


def shadow(flag):
    total = 0
    if flag:
        return total
    print(counter)
    counter = 1
    return counter


counter = 10


def main(args):
    if args["mode"] == "maybe":
        return maybe(args["flag"])
    if args["mode"] == "shadow":
        return shadow(args["flag"])
    return not_defined_anywhere

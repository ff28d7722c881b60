# Fox & Hunhoff's `arithmetic` example, with the input mixed in.
def main(args):
    foo = 2
    bar = foo + 3
    res = foo * bar
    return res + args["n"]

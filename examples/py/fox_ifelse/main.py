# Fox & Hunhoff's `ifelse` example, with a condition that depends on the input.
def main(args):
    if 24 == 42:
        res = "equal"
    else:
        res = "not equal"
    if args["a"] == args["b"]:
        same = True
    else:
        same = False
    return [res, same]

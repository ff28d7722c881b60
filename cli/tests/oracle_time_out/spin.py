def main(args):
    if args["loop"]:
        while True:
            pass
    return args["n"] * 2

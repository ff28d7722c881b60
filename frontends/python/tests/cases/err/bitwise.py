def main(args):
    return args["a"] | 1

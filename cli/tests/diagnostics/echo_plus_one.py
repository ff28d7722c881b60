def main(args):
    return [args, args + 1]

def main(args):
    if args:
        return 1
    return 2
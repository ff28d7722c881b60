def main(args):
    if args:
    return 2

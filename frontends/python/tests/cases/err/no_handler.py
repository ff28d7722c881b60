def handler(args):
    return 1

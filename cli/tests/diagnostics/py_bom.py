def main(args):
    return args + 1

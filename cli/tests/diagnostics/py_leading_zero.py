def main(args):
    return args + 012

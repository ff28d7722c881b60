def main(args):
    return "abc

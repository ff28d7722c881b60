class Point:
    pass


def main(args):
    return 1

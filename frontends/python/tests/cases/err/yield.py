def gen():
    yield 1


def main(args):
    return 1

def numbers(xs):
    yield from xs


def main(args):
    return list(numbers(args))

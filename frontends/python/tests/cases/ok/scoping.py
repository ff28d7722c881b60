counter = 0


def bump():
    global counter
    counter += 1


def outer(x, y=2):
    def inner():
        nonlocal x
        x = x + y
        return x

    return inner()


def main(args):
    bump()
    f = lambda a: a + counter
    return [outer(1), outer(1, y=5), f(1), [z for z in range(3)]]

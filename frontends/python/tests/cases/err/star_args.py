def f(*rest):
    return rest


def main(args):
    return f(*args)

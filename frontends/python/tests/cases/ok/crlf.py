def main(args):
    x = 1

    return x

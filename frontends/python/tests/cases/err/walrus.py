def main(args):
    if (n := len(args)) > 1:
        return n
    return 0

def main(args):
    if args:
        for x in args:
            if x:
                pass
    else:
        return 1
    return 0

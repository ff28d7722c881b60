def main(args):
    return "%d items" % 3

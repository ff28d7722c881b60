def main(args):
    return "abc".title()

def main(args):
    return "café"

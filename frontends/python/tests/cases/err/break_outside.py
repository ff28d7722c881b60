def main(args):
    break

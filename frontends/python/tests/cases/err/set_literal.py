def main(args):
    return {1, 2, 3}

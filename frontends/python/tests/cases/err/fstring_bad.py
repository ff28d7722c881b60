def main(args):
    return f"{args['a']!x}"

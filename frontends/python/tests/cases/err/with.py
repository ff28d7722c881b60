def main(args):
    with open("f") as f:
        return f.read()

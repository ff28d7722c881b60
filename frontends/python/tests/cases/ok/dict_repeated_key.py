def main(args):
    d = {"a": 1, "b": 2, "a": 3}
    return [d, {"x\ty": 1}]

def main(args):
    # JSON integers are arbitrary precision in Python: every input here stays an int
    # except the ones written with a fraction or an exponent.
    n = args["n"]
    if isinstance(n, int):
        return ["int", n + 1, n * n, n // 7, str(n)]
    return ["float", n + 1, repr(n)]

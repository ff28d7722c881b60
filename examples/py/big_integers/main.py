# Arbitrary-precision ints: powers, floor division and modulo with negative operands,
# int ** negative exponent, and mixing with floats.
def main(args):
    a = args["a"]
    b = args["b"]
    return {
        "pow": a ** 5,
        "big": 2 ** 100 + a,
        "floordiv": a // b,
        "mod": a % b,
        "neg_floordiv": -a // b,
        "neg_mod": -a % b,
        "truediv": a / b,
        "inv": b ** -2,
        "mixed": a * 1.5,
        "str_len": len(str(a ** 20)),
        "cmp": a ** 3 > 10 ** 20,
    }

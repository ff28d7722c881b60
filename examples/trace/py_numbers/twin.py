def main(input):
    a = input["a"]
    b = input["b"]
    out = {}
    out["floordiv"] = a // b
    out["mod"] = a % b
    out["truediv"] = a / b
    out["pow_neg"] = b ** -2
    out["big"] = a ** 40
    out["mixed"] = a + 0.5
    out["tenth"] = 0.1 + 0.2
    out["e16"] = 1e16 * b
    out["small"] = b / 100000
    out["lt"] = a < b
    out["eq_int_float"] = a == a + 0.0
    try:
        out["cmp"] = a < "x"
    except TypeError as e:
        out["cmp"] = str(e)
    return out

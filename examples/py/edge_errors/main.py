# Differential edge cases (edge_errors): each agrees with CPython 3.11.
def main(args):
    k = args["k"]
    if k == 1:
        return 1 / 0
    if k == 2:
        return 1.0 / 0
    if k == 3:
        return 1.5 // 0
    if k == 4:
        return 5 % 0
    if k == 5:
        return "a" < 1
    if k == 6:
        return [1, 2] < [1, "a"]
    if k == 7:
        a, b = [1, 2, 3]
    if k == 8:
        a, b = [1]
    if k == 9:
        a, b = 5
    if k == 10:
        return {}[1]
    if k == 11:
        return {(1, 2): 3}[0] if False else [1, 2][True]
    if k == 12:
        return int("abc")
    if k == 13:
        return float("x")
    if k == 14:
        return sorted([1, "a"])
    if k == 15:
        return len(5)
    if k == 16:
        return [1, 2, 3][1:2:0]
    if k == 17:
        d = {"a": 1}
        del d["b"]
    if k == 18:
        l = [1]
        del l[3]
    if k == 19:
        return "abc".index("z")
    if k == 20:
        return None + 1
    if k == 21:
        return -"a"
    if k == 22:
        return "x".foo()
    if k == 23:
        return max([])
    if k == 24:
        return {1: 2}
    if k == 25:
        raise Exception("plain", 2)
    if k == 26:
        raise KeyError("kk")
    if k == 27:
        return (lambda x: x)(1, 2)
    if k == 28:
        def inner(a, b):
            return a
        return inner(1)
    if k == 29:
        return 2 ** 0.5
    if k == 30:
        return [0.1 * 3, 1e300 * 1e10, -1e-320, 10 ** 20 / 3, round(-2.5), round(7, 2)]
    return "end"

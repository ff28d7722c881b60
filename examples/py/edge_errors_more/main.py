# Differential edge cases (edge_errors_more): each agrees with CPython 3.11.
def main(args):
    k = args["k"]
    if k == 1:
        return [1, 2].index(5)
    if k == 2:
        return [].pop()
    if k == 3:
        assert False
    if k == 4:
        return "a" + None
    if k == 5:
        return [1] + (2,)
    if k == 6:
        return 1 < None
    if k == 7:
        return "abc"[10]
    if k == 8:
        return (1, 2)[5]
    if k == 9:
        t = (1, 2)
        t[0] = 5
    if k == 10:
        return "x".join([1, 2])
    if k == 11:
        return int("")
    if k == 12:
        return float("inf") * 0
    if k == 13:
        return 2 ** 10000 * 1.0
    if k == 14:
        return round(float("nan"))
    if k == 15:
        return {"a": 1}.pop("z")
    if k == 16:
        x = 5
        return x()
    if k == 17:
        return len([1, 2], 3)
    if k == 18:
        return sorted([3, 1], reverse=True, key=None)
    if k == 19:
        return list(map(lambda a: a * 2, "ab"))
    if k == 20:
        return list(filter(None, [0, 1, "", "x"]))
    if k == 21:
        return [str(1.0), str(100.0), str(1e16), str(123456789.0), repr(0.1)]
    if k == 22:
        return f"{3:>5d}|{-3.14159:+.3f}|{'ab':^6}|{12345678:,}|{0.5:.0f}|{1.5:.0f}"
    if k == 23:
        return abs("x")
    if k == 24:
        return {"a": 1}.nope
    return None

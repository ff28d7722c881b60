# Differential edge cases (edge_library): each agrees with CPython 3.11.
count = 0

def tick():
    global count
    count += 1
    return count

def fact(n):
    def go(k, acc):
        if k == 0:
            return acc
        return go(k - 1, acc * k)
    return go(n, 1)

def fin():
    try:
        return "body"
    finally:
        return "finally wins"

def loop_finally():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f" + str(i))
    return out

def main(args):
    print(1.0, 1e20, 1 / 3, -0.0, 2.5e-5, True + True, [1.5, "s"], {"a": None})
    print(repr("a'b\"c\n"), str(-7 % 3.0), 10 ** 30 // 7, int(-3.7), round(-0.5), abs(-0.0))
    xs = [1, 2]
    for x in xs:
        if x < 4:
            xs.append(x + 2)
    a = b = c = 0
    d = {"k": 0}
    def key():
        tick()
        return "k"
    d[key()] += 5
    n = 0
    while tick() < 5 and n < 10:
        n += 1
    people = [("bob", 30), ("al", 25), ("cy", 30)]
    age = 1
    by_age = sorted(people, key=lambda p: (p[1] * age, p[0]))
    e1 = ""
    try:
        {"a": 1}["b"]
    except KeyError as e:
        e1 = str(e)
    def thrower():
        raise ValueError("inner")
    try:
        thrower()
    except Exception as e:
        e1 = e1 + "|" + str(e)
    return {"xs": xs, "abc": [a, b, c], "d": d, "count": count, "n": n, "fact": fact(25), "fin": fin(),
            "lf": loop_finally(), "by_age": by_age, "e1": e1, "min": [min("abc"), max(1, 2.5), sum([0.1] * 10)],
            "sd": sorted({"b": 1, "a": 2}), "items": list({"x": 1}.items()), "en": list(enumerate("ab", start=1)),
            "zip3": list(zip([1, 2], "ab", [True, False, None])), "fmt": "{:.1f}|{:>4}|{!r}".format(2.25, "x", "y"),
            "ulen": len("héllo✓"), "notl": not [], "nested": "a" if False else "b" if True else "c",
            "split": "a,b,c,d".split(",", 2), "rsplit": "a,b,c,d".rsplit(",", 1), "strip": "  x y  ".strip(),
            "idx": "hello".index("l"), "cnt": "banana".count("a"), "rep": "aaa".replace("a", "b", 2),
            "big_eq": 10 ** 20 == 1e20, "tuple_cmp": (1, 2) < (1, 3), "list_eq": [1, 2.0] == [1, 2],
            "mixed_key": {1: "a", 1.0: "b"}, "neg_idx": [1, 2, 3][-2], "slice_neg": "abcdef"[-3:-1],
            "step": list(range(10))[1:8:3], "empty_slice": [1, 2][5:], "str_mul": "-" * 3, "in_str": "ell" in "hello"}

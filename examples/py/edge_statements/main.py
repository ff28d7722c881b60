# Differential edge cases (edge_statements): each agrees with CPython 3.11.
x = 5
def f():
    global x
    x += 1
    return x
def g():
    try:
        return "try"
    finally:
        print("fin")
def h(n):
    i = 0
    while i < n:
        if i == 2:
            break
        i += 1
    else:
        return "no break"
    return "broke"
def main(args):
    a, b = 1, 2
    a, b = b, a
    s = 'it\'s "q" \t\\ \x41\u00e9'
    t = """multi
line"""
    u = f"{{braces}} {a!r} {'inner'} {s[:2]}"
    l1 = [1]
    l2 = l1
    l1 += [2]
    x1 = y1 = []
    x1.append(1)
    print("a", 1, 2.0, None, True, [1, "x"], {"k": (1,)}, sep="|")
    print()
    print(f(), f(), g(), h(5), h(1))
    return {"ab": [a, b], "s": s, "t": t, "u": u, "alias": l2, "xy": y1, "is": [l1 is l2, [] is [], None is None],
            "intkeys": {1: "a", 2.0: "b", True: "c"}, "neg": "hello"[-1], "cond": "y" if a > b else "n",
            "tup": (1, (2, 3)), "del": 0}

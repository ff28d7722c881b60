# Builtins and methods of the subset: sorting with key/reverse, min/max, map/filter,
# str/list/dict methods, slices, zip, reversed, round, isinstance.
def main(args):
    xs = list(args["xs"])
    words = args["words"]
    ys = xs.copy()
    ys.sort(reverse=True)
    ys.insert(1, 99)
    popped = ys.pop()
    ys.extend([7, 8])
    ys.remove(99)
    ys.reverse()
    d = {"a": 1}
    d.update({"b": 2})
    d.setdefault("c", 3)
    gone = d.pop("a")
    return {
        "sorted": sorted(xs),
        "by_len": sorted(words, key=len, reverse=True), "by_lower": sorted(words + ["Zed"], key=str.lower),
        "upper_all": list(map(str.upper, words)), "unbound": str.strip("  s  "),
        "min": min(xs), "max": max(3, 9, 4), "shortest": min(words, key=len),
        "default": max([], default="none"),
        "mapped": list(map(str, xs)), "filtered": list(filter(lambda w: "a" in w, words)),
        "ys": ys, "popped": popped, "index": xs.index(xs[-1]), "count": xs.count(xs[0]),
        "d": d, "gone": gone, "keys": list(d.keys()), "values": list(d.values()),
        "upper": [w.upper() for w in words], "joined": "+".join(words),
        "split": "a,b,,c".split(","), "rsplit": "a b c".rsplit(" ", 1),
        "replace": "banana".replace("an", "AN"), "find": "banana".find("nan"),
        "strip": "xxhixx".strip("x"), "starts": "banana".startswith("ban"),
        "fmt": "{} + {} = {:>4}".format(1, 2, 3),
        "zip": list(zip(words, xs)), "rev": list(reversed(xs)), "slice": xs[1:-1], "step": xs[::-2],
        "round": [round(0.5), round(1.5), round(2.675, 2)], "abs": abs(-3),
        "types": [isinstance(1, int), isinstance(True, int), isinstance(1.0, (int, str)), isinstance("s", str)],
        "tuple": tuple(xs), "chained": 1 < 2 < 3 != 4, "and_or": [0 or "x", 1 and 2, None or 0],
        "int_str": int(" 42 ") + int(3.9), "float_str": float("1e3"), "bool": bool([]),
        "in_dict": "b" in d, "not_in": 5 not in xs, "is_none": args.get("nope") is None,
        "mul": [0] * 3 + ["ab" * 2],
    }

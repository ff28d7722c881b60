# map_filter: a higher-order pipeline over n numbers: map (scale), filter (keep the even
# ones), reduce (sum), plus a keyed max and an any(); comprehensions and lambdas.
def main(args):
    n = args["n"]
    xs = list(range(n))
    scaled = [x * 7 % 1009 for x in xs]
    kept = [y for y in scaled if y % 2 == 0]
    total = sum(kept)
    best = max(kept, key=lambda y: y % 100, default=None)
    labels = list(map(lambda y: f"#{y}", kept[:5]))
    return {
        "n": n,
        "kept": len(kept),
        "sum": total,
        "best": best,
        "big": any(y > 1000 for y in kept),
        "labels": labels,
    }

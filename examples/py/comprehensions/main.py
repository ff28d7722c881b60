# List and dict comprehensions with conditions and nested loops.
def main(args):
    xs = args["xs"]
    squares = [x * x for x in xs]
    evens = [x for x in xs if x % 2 == 0]
    pairs = [(x, y) for x in xs for y in xs if x < y]
    index = {str(x): i for i, x in enumerate(xs)}
    grid = [[r * c for c in range(3)] for r in range(3)]
    flat = [v for row in grid for v in row if v]
    total = sum(x for x in xs if x > 0)
    return {"squares": squares, "evens": evens, "pairs": pairs, "index": index, "flat": flat,
            "total": total, "any_neg": any(x < 0 for x in xs), "all_small": all([x < 10 for x in xs])}

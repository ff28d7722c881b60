# loop_for: a counted for loop accumulating with `+=` (Containerless micro-benchmark).
def main(args):
    n = args["n"]
    total = 0
    for i in range(n):
        total += i % 7
    return {"n": n, "total": total}

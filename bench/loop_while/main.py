# loop_while: a while loop with an explicit counter (Containerless micro-benchmark).
def main(args):
    n = args["n"]
    i = 0
    total = 0
    while i < n:
        total += i
        i += 1
    return {"n": n, "total": total}

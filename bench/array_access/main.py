# array_access: build a list, then read and write its elements by index in loops
# (Containerless micro-benchmark).
def main(args):
    n = args["n"]
    a = [i % 100 for i in range(n)]
    for i in range(1, n):
        a[i] = (a[i - 1] + a[i]) % 1000
    total = 0
    for i in range(0, n, 2):
        total += a[i]
    return {"n": n, "total": total, "last": a[-1] if a else None}

# array_shift: fill a list with n elements, then take them off the front with pop(0)
# until it is empty, summing in order (Containerless micro-benchmark; JS uses shift()).
def main(args):
    n = args["n"]
    queue = []
    for i in range(n):
        queue.append(i * 3 % 101)
    total = 0
    weighted = 0
    k = 0
    while queue:
        x = queue.pop(0)
        total += x
        weighted += x * (k % 10)
        k += 1
    return {"n": n, "total": total, "weighted": weighted}

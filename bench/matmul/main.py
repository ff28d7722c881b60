# matmul: multiply two n x n integer matrices generated from a seed with a Park-Miller
# generator; return the trace, the sum of all entries and the first row of the product.
def randoms(count, seed):
    out = []
    for _ in range(count):
        seed = seed * 16807 % 2147483647
        out.append(seed)
    return out


def main(args):
    n = args["n"]
    r = randoms(2 * n * n, args["seed"])
    a = [[r[i * n + j] % 19 - 9 for j in range(n)] for i in range(n)]
    b = [[r[n * n + i * n + j] % 19 - 9 for j in range(n)] for i in range(n)]
    c = []
    for i in range(n):
        row = a[i]
        out = []
        for j in range(n):
            s = 0
            for k in range(n):
                s += row[k] * b[k][j]
            out.append(s)
        c.append(out)
    trace = sum(c[i][i] for i in range(n))
    total = sum(sum(row) for row in c)
    return {"n": n, "trace": trace, "sum": total, "row0": c[0] if n > 0 else []}

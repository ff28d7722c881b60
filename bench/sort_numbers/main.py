# sort_numbers: sort n numbers generated from a seed with a Park-Miller generator
# (`sorted`), and return the extremes, the median, both ends and a position checksum.
def randoms(count, seed):
    out = []
    for _ in range(count):
        seed = seed * 16807 % 2147483647
        out.append(seed)
    return out


def main(args):
    n = args["n"]
    xs = [x % 1000000 for x in randoms(n, args["seed"])]
    ys = sorted(xs)
    checksum = 0
    for i, y in enumerate(ys):
        checksum += (i + 1) * y
    return {
        "n": n,
        "min": ys[0] if ys else None,
        "max": ys[-1] if ys else None,
        "median": ys[n // 2] if ys else None,
        "first": ys[:5],
        "last": ys[-5:],
        "checksum": checksum,
    }

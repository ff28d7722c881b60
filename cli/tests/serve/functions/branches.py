# Eight paths, one per value of `k`. Every answer carries the request's `id`, so an answer
# delivered to the wrong request shows; the paths differ in what they compute, so each one
# the trace tree has not seen is an `unknown` for the compiled code.
def main(args):
    k = args["k"]
    i = args["id"]
    if k == 0:
        return {"id": i, "path": "zero", "v": i * 2}
    elif k == 1:
        return {"id": i, "path": "one", "v": str(i) + "!"}
    elif k == 2:
        return {"id": i, "path": "two", "v": [i, i + 1, i + 2]}
    elif k == 3:
        total = 0
        for j in range(i % 50):
            total += j
        return {"id": i, "path": "three", "v": total}
    elif k == 4:
        return {"id": i, "path": "four", "v": i / 4}
    elif k == 5:
        words = ["a", "bb", "ccc"]
        return {"id": i, "path": "five", "v": "-".join(words) * (i % 3)}
    elif k == 6:
        print("six", i)
        return {"id": i, "path": "six", "v": {"half": i // 2, "odd": i % 2 == 1}}
    else:
        raise ValueError("no path for k=" + str(k))

# containerless.md §8: the `for` index initialiser was inserted one statement too early
# (after the loop for a leading loop) and `for … else` was ignored.
def find(xs, target):
    for i, x in enumerate(xs):
        if x == target:
            break
    else:
        return -1
    return i


def main(args):
    total = 0
    for x in args["xs"]:
        total += x
    for ch in "ab":
        total = total
    return {"total": total, "found": find(args["xs"], args["target"])}

# containerless.md §8: statements after an `if` were traced inside the taken arm, and an
# `if` without `else` that was not taken left no node. Both arms and what follows run here.
def main(args):
    out = []
    if args["a"] > 0:
        out.append("positive")
    out.append("after first if")
    if args["a"] > 100:
        out.append("big")
    elif args["a"] < -100:
        out.append("very negative")
    out.append("after second if")
    return out

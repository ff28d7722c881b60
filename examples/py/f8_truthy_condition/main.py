# containerless.md §8: `if x:` with a non-comparison condition crashed the prototype and
# strings were unsupported. Python truthiness of every value is kept.
def describe(v):
    if v:
        return "truthy"
    return "falsy"


def main(args):
    return {k: describe(v) for k, v in args.items()}

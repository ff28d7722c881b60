def f(x):
    return x


def main(input):
    out = {}
    for c in ["attr", "index", "arity", "call"]:
        try:
            if c == "attr":
                out[c] = input.missing
            if c == "index":
                l = [1]
                l[5] = 1
                out[c] = l
            if c == "arity":
                out[c] = f(1, 2)
            if c == "call":
                n = 5
                out[c] = n()
        except Exception as e:
            out[c] = type(e).__name__ + ": " + str(e)
    if input["raise"] == True:  # noqa: E712
        raise ValueError("bad input")
    return out

# string_build: build a string from many small pieces with `+=` (one f-string piece per
# iteration), then report its length and both ends.
def main(args):
    n = args["n"]
    out = ""
    for i in range(n):
        out += f"<{i % 97}>"
    return {"n": n, "length": len(out), "head": out[:24], "tail": out[-24:]}

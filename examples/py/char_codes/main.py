# Character codes and lengths: ord over a string (ASCII and not), len of every sized kind,
# and their errors — the builtins generated code calls directly.
def checksum(text):
    h = 7
    for ch in text:
        h = (h * 131 + ord(ch)) % 1000000007
    return h


def main(args):
    text = args["text"]
    out = {
        "len": len(text),
        "sum": checksum(text),
        "sizes": [len([1, 2, 3]), len((4, 5)), len({"a": 1}), len("")],
        "codes": [ord(c) for c in text[:3]],
    }
    probe = args.get("probe")
    if probe is not None:
        out["probe"] = ord(probe)
    size_of = args.get("size_of")
    if size_of is not None:
        out["size"] = len(size_of)
    return out

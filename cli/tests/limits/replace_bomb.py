# A replacement whose result would be 10^10 bytes: refused before it is built.
def main(args):
    s = "x" * 100000
    return len(s.replace("x", s))

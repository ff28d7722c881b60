def main(args):
    s = "héllo wörld ✓"; return {1, s}

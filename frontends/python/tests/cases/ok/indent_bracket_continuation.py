def main(args):
    xs = [
1, 2,
            3]
    total = (xs[0] +
  xs[1]
    + xs[2])
    return {"a": total,
"b": xs}

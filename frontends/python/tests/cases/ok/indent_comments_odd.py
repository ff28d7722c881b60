def main(args):
    x = 1
# a comment at column 0
        # a comment deeper than the block
  # and one shallower
    return x

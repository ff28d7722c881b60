def main(args):
    x = 1 + \
        2
    if x == 3 and \
   True:
        return x
    return 0

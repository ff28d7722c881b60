# Never ends: its fuel ends it.
def main(args):
    n = 0
    while True:
        n += 1

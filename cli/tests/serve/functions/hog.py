# Allocates without bound: its memory limit ends it.
def main(args):
    parts = []
    while True:
        parts.append("x" * 1000)

def add(a: int, b: float = 1.5) -> float:
    return a + b


def main(args):
    return add(1)

# fib: naive doubly recursive Fibonacci (Containerless micro-benchmark): calls and returns.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main(args):
    n = args["n"]
    return {"n": n, "fib": fib(n)}

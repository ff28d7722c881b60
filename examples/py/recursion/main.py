# Recursion: factorial with big integers, Fibonacci with memo passed down, and
# unbounded recursion ending in RecursionError as in CPython.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def fib(n, memo):
    if n in memo:
        return memo[n]
    r = n if n < 2 else fib(n - 1, memo) + fib(n - 2, memo)
    memo[n] = r
    return r


def depth(n):
    return depth(n + 1)


def main(args):
    n = args["n"]
    if n < 0:
        return depth(0)
    return {"fact": fact(n), "fib": fib(n, {}), "digits": len(str(fact(n)))}

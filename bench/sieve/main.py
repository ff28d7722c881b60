# sieve: the sieve of Eratosthenes up to n; the number of primes, the last five and their sum.
def main(args):
    n = args["n"]
    is_prime = [True] * (n + 1)
    for i in range(2, int(n ** 0.5) + 1):
        if is_prime[i]:
            for j in range(i * i, n + 1, i):
                is_prime[j] = False
    primes = [i for i in range(2, n + 1) if is_prime[i]]
    return {"n": n, "count": len(primes), "last": primes[-5:], "sum": sum(primes)}

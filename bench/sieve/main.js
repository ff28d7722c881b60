// sieve: the sieve of Eratosthenes up to n; the number of primes, the last five and their sum.
function main(params) {
  const n = params.n;
  const isPrime = [];
  for (let i = 0; i <= n; i++) {
    isPrime.push(true);
  }
  for (let i = 2; i * i <= n; i++) {
    if (isPrime[i]) {
      for (let j = i * i; j <= n; j += i) {
        isPrime[j] = false;
      }
    }
  }
  const primes = [];
  for (let i = 2; i <= n; i++) {
    if (isPrime[i]) {
      primes.push(i);
    }
  }
  return { n: n, count: primes.length, last: primes.slice(-5), sum: primes.reduce((a, b) => a + b, 0) };
}

// fib: naive doubly recursive Fibonacci (Containerless micro-benchmark): calls and returns.
function fib(n) {
  if (n < 2) {
    return n;
  }
  return fib(n - 1) + fib(n - 2);
}

function main(params) {
  const n = params.n;
  return { n: n, fib: fib(n) };
}

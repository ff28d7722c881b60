function main(params) {
  // JSON.parse makes every number the nearest double: integers beyond 2^53 lose digits,
  // and `-0` is negative zero (so `1 / n` is -Infinity, written null).
  const n = params.n;
  return [typeof n, n + 1, n * 2, String(n), 1 / n, 1 / n < 0];
}

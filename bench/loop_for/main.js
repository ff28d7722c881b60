// loop_for: a counted for loop accumulating with `+=` (Containerless micro-benchmark).
function main(params) {
  const n = params.n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += i % 7;
  }
  return { n: n, total: total };
}

// loop_while: a while loop with an explicit counter (Containerless micro-benchmark).
function main(params) {
  const n = params.n;
  let i = 0;
  let total = 0;
  while (i < n) {
    total += i;
    i += 1;
  }
  return { n: n, total: total };
}

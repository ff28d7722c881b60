// matmul: multiply two n x n integer matrices generated from a seed with a Park-Miller
// generator; return the trace, the sum of all entries and the first row of the product.
function randoms(count, seed) {
  const out = [];
  for (let i = 0; i < count; i++) {
    seed = seed * 16807 % 2147483647;
    out.push(seed);
  }
  return out;
}

function main(params) {
  const n = params.n;
  const r = randoms(2 * n * n, params.seed);
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) {
    const rowA = [];
    const rowB = [];
    for (let j = 0; j < n; j++) {
      rowA.push(r[i * n + j] % 19 - 9);
      rowB.push(r[n * n + i * n + j] % 19 - 9);
    }
    a.push(rowA);
    b.push(rowB);
  }
  const c = [];
  for (let i = 0; i < n; i++) {
    const row = a[i];
    const out = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) {
        s += row[k] * b[k][j];
      }
      out.push(s);
    }
    c.push(out);
  }
  let trace = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    trace += c[i][i];
    total += c[i].reduce((acc, x) => acc + x, 0);
  }
  return { n: n, trace: trace, sum: total, row0: n > 0 ? c[0] : [] };
}

// array_access: build an array, then read and write its elements by index in loops
// (Containerless micro-benchmark).
function main(params) {
  const n = params.n;
  const a = [];
  for (let i = 0; i < n; i++) {
    a.push(i % 100);
  }
  for (let i = 1; i < n; i++) {
    a[i] = (a[i - 1] + a[i]) % 1000;
  }
  let total = 0;
  for (let i = 0; i < n; i += 2) {
    total += a[i];
  }
  return { n: n, total: total, last: a.length > 0 ? a[a.length - 1] : null };
}

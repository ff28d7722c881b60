// map_filter: a higher-order pipeline over n numbers: map (scale), filter (keep the even
// ones), reduce (sum), plus a keyed max and a some(); array methods with callbacks.
function main(params) {
  const n = params.n;
  const xs = [];
  for (let i = 0; i < n; i++) {
    xs.push(i);
  }
  const kept = xs.map(x => x * 7 % 1009).filter(y => y % 2 === 0);
  const total = kept.reduce((acc, y) => acc + y, 0);
  const best = kept.length === 0 ? null : kept.reduce((b, y) => (y % 100 > b % 100 ? y : b));
  const labels = kept.slice(0, 5).map(y => `#${y}`);
  return {
    n: n,
    kept: kept.length,
    sum: total,
    best: best,
    big: kept.some(y => y > 1000),
    labels: labels,
  };
}

// sort_numbers: sort n numbers generated from a seed with a Park-Miller generator
// (`sort((a, b) => a - b)`), and return the extremes, the median, both ends and a
// position checksum.
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
  const ys = randoms(n, params.seed).map(x => x % 1000000);
  ys.sort((a, b) => a - b);
  let checksum = 0;
  ys.forEach((y, i) => {
    checksum += (i + 1) * y;
  });
  const empty = ys.length === 0;
  return {
    n: n,
    min: empty ? null : ys[0],
    max: empty ? null : ys[ys.length - 1],
    median: empty ? null : ys[Math.floor(n / 2)],
    first: ys.slice(0, 5),
    last: ys.slice(-5),
    checksum: checksum,
  };
}

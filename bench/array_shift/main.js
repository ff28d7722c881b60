// array_shift: fill an array with n elements, then take them off the front with shift()
// until it is empty, summing in order (Containerless micro-benchmark; Python uses pop(0)).
function main(params) {
  const n = params.n;
  const queue = [];
  for (let i = 0; i < n; i++) {
    queue.push(i * 3 % 101);
  }
  let total = 0;
  let weighted = 0;
  let k = 0;
  while (queue.length > 0) {
    const x = queue.shift();
    total += x;
    weighted += x * (k % 10);
    k++;
  }
  return { n: n, total: total, weighted: weighted };
}

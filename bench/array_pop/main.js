// array_pop: fill an array with n elements, then pop() from the end until it is empty,
// summing what comes off (Containerless micro-benchmark).
function main(params) {
  const n = params.n;
  const stack = [];
  for (let i = 0; i < n; i++) {
    stack.push(i * 3 % 101);
  }
  let total = 0;
  let pops = 0;
  while (stack.length > 0) {
    total += stack.pop();
    pops++;
  }
  return { n: n, total: total, pops: pops };
}

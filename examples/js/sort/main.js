// Array.prototype.sort with comparators as V8 runs it: the order of comparator calls,
// inconsistent comparators (returning booleans), NaN results, undefined elements last.
function main(p) {
  let calls = [];
  let logged = [3, 1, 2, 5, 4].sort((a, b) => { calls.push(a + ':' + b); return a - b; });
  let bools = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5].sort((a, b) => a > b);
  let desc = [1, 2, 3, 4, 2, 1].sort((a, b) => b - a);
  let objs = [{ k: 2, n: 'a' }, { k: 1, n: 'b' }, { k: 2, n: 'c' }, { k: 1, n: 'd' }].sort((x, y) => x.k - y.k).map(o => o.n);
  let withUndef = [3, undefined, 1, undefined, 2].sort((a, b) => a - b);
  let nan = [3, 1, 2].sort(() => NaN);
  let strs = ['b', 'a', 'C', 'B'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let big = [];
  for (let i = 0; i < 100; i++) big.push((i * 7919) % 101);
  big.sort((a, b) => a - b);
  let desc2 = [5, 4, 3, 9, 1].sort((a, b) => b - a);
  return { logged, calls, bools, desc, objs, withUndef, nan, strs, bigOk: big.join() , desc2 };
}

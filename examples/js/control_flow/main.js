// Control flow the random programs of difftest do not reach: a function declared inside a
// block (sloppy mode, ECMAScript Annex B.3.3: it also binds a `var` of the function once
// the block runs), labeled loops left with `break` / `continue` to their label, `do … while`
// whose body runs once even when the condition is false, and the comma operator.
function main(params) {
  const out = [];
  out.push(typeof early);
  if (params.define) {
    function early(x) { return 'early ' + x; }
    out.push(early(1));
  }
  out.push(typeof early === 'function' ? early(2) : 'not defined');

  const grid = params.grid;
  let found = null;
  search: for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      if (grid[r][c] < 0) { continue search; }
      if (grid[r][c] === params.target) { found = [r, c]; break search; }
    }
  }
  out.push(found);

  let n = 0;
  do { n++; } while (n < params.times);
  out.push(n);

  let i = 0, j = 10;
  while (i < j) { i++, j--; }
  out.push((out.length, i + j));
  return out;
}

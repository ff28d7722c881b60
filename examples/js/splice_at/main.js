// Array splice (removing and inserting in place) and at (negative indices), from the prelude.
function main(p) {
  let a = [1, 2, 3, 4, 5];
  let r1 = a.splice(1, 2);
  let b = [1, 2, 3]; let r2 = b.splice(-1, 0, 'x', 'y');
  let c = [1, 2, 3]; let r3 = c.splice(1);
  let d = [1, 2, 3]; let r4 = d.splice();
  let e = [1, 2, 3]; let r5 = e.splice(0, 10, 'z');
  return [a, r1, b, r2, c, r3, d, r4, e, r5, [1, 2, 3].at(-1), [1].at(5), 'héllo'.at(1), 'abc'.at(-1), [].at(0)];
}

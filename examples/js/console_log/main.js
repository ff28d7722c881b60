// console.log prints what Node's util.format prints: util.inspect layout for arrays and
// objects (one line under 80 columns, grouped columns for long arrays, [Object] past depth 2),
// format directives, quoting of nested strings, -0, functions and cycles.
var counter = 0;
function inc() { counter++; return counter; }
function main(p) {
  inc(); inc();
  let o = { a: { b: { c: { d: 1 } } }, arr: [[1, [2, [3, [4]]]]], s: "it's", e: [], f: {}, g: function () {}, h: inc, n: null, u: undefined, neg: -0 };
  console.log(o);
  console.log("%s is %d years", "Bob", 42, "extra", 1.5);
  console.log([1.5, "a", true, null, undefined]);
  console.log(Array.isArray([]), typeof p, typeof undefinedThing, typeof inc);
  let big = [];
  for (let i = 0; i < 30; i++) big.push(i * 37 % 101);
  console.log(big);
  let words = [];
  for (let i = 0; i < 10; i++) words.push("w" + "x".repeat(i));
  console.log(words);
  console.log({ 'a-b': 1, 2: 'two', 1: 'one', z: [ { x: 1 } ] });
  let cyc = { name: "c" }; cyc.self = cyc;
  console.log(cyc);
  return counter;
}

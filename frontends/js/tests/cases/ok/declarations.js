var v;
let x = 1, y;
const z = x + 1;
function hoisted(p, q) { var inner = p; return inner + q; }
const arrow = (p) => p * 2;
const block = () => { return 1; };
const noParams = () => ({ a: 1 });
const named = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); };
{ let x = 2; const z = 3; }

// The temporal dead zone: let/const read (or written) before initialisation is a
// ReferenceError, also from a function that runs too early; afterwards the same reads work.
function early() { return config.x; }
function bump() { count++; return count; }
function main(p) {
  let r = [];
  try { r.push(early()); } catch (e) { r.push(e.name + ': ' + e.message); }
  r.push(bump(), bump(), late());
  return r;
}
let out = [];
try { early(); } catch (e) { out.push(e.message); }
try { bump(); } catch (e) { out.push(e.message); }
const config = { x: 42 };
let count = 0;
function late() { return count + config.x + out.length; }

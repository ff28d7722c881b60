// JSON.parse and JSON.stringify: V8's SyntaxError messages (positions in UTF-16 units,
// context around the offending token), key order, and pretty printing.
function main(p) {
  let out = [];
  for (const s of p.cases) {
    try { out.push(pretty(JSON.parse(s))); } catch (e) { out.push(e.name + ": " + e.message); }
  }
  return out;
}

function pretty(v) {
  return JSON.stringify(v, null, 2) + '|' + JSON.stringify(v, null, '--') + '|' + JSON.stringify(v);
}

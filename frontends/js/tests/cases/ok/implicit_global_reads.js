function bump() { hits = (typeof hits === 'undefined' ? 0 : hits) + 1; return hits; }
function main(p) {
  let r = [typeof hits];
  try { r.push(hits); } catch (e) { r.push(e.name + ': ' + e.message); }
  bump(); bump();
  r.push(hits, typeof hits);
  for (k = 0; k < 2; k++) {}
  r.push(k);
  if (p.read) { r.push(neverSet); }
  return r;
}

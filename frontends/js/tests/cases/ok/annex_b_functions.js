function main(p) {
  let before = typeof g;
  if (p.on) {
    function g() { return 'g'; }
  }
  let r = [before, typeof g];
  {
    function h() { return 'h'; }
  }
  r.push(h());
  return r;
}

// A replacement whose result would be 10^10 bytes: refused before it is built.
function main(args) {
  const s = 'x'.repeat(100000);
  return s.replaceAll('x', s).length;
}

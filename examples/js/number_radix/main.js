// Number.prototype.toString(radix) as V8 prints it (fraction digits up to the precision of
// the double), and toString on other values.
function main(p) {
  return [(255).toString(16), (-255).toString(2), (0.5).toString(2), (0.1).toString(3), (3.14159).toString(16), (1e21).toString(36), (123.456).toString(36), (2**60).toString(7), (0).toString(5), (-0.75).toString(4), (1/3).toString(2), NaN.toString(16), p.n.toString(), [1,2].toString(), "s".toString(), true.toString(), (255).toString(), (35).toString(36), (1e-7).toString(16)];
}

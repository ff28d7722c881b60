// string_build: build a string from many small pieces with `+=` (one template-literal
// piece per iteration), then report its length and both ends.
function main(params) {
  const n = params.n;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += `<${i % 97}>`;
  }
  return { n: n, length: out.length, head: out.slice(0, 24), tail: out.slice(-24) };
}

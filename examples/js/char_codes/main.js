// Character codes: charCodeAt over ASCII and non-ASCII strings, out of range and at
// fractional or odd indices — the string method generated code calls directly.
function checksum(text) {
  let h = 7;
  for (let i = 0; i < text.length; i++) {
    h = (h * 131 + text.charCodeAt(i)) % 1000000007;
  }
  return h;
}

function main(args) {
  const text = args.text;
  const at = args.at;
  return {
    length: text.length,
    sum: checksum(text),
    probe: [text.charCodeAt(at), text.charCodeAt(-1), text.charCodeAt(text.length), text.charCodeAt(1.7)],
    isString: [typeof text === 'string', typeof at === 'string'],
  };
}

#!/usr/bin/env node
// Regenerate with Node 20, from the repository root:
//     node prims/tests/oracle/gen_js.js > prims/tests/oracle/js_cases.json
//
// Evaluates JavaScript primitive cases with the real Node and prints them as
// JSON for prims/tests/oracle_js.rs. Encoding: a number is {"f": text} where
// text is String(x) except "-0" for negative zero; a string is a JSON string
// (lone surrogates are written as \udXXX escapes, which the Rust reader turns
// into U+FFFD: the documented deviation); undefined is null; an array a JSON
// array. A case is {"op", "args", "ok": value} or {"op", "args", "err":
// [class, message]}.
'use strict';

if (!process.version.startsWith('v20.')) throw new Error(`need Node 20, got ${process.version}`);

function enc(v) {
  if (typeof v === 'number') return { f: Object.is(v, -0) ? '-0' : String(v) };
  if (Array.isArray(v)) return v.map(enc);
  if (v === undefined) return null;
  return v;
}

const cases = [];
function kase(op, fn, ...args) {
  const c = { op, args: args.map(enc) };
  try {
    c.ok = enc(fn(...args));
  } catch (e) {
    c.err = [e.constructor.name, e.message];
  }
  cases.push(c);
}
const cmp = (a, b) => (a < b ? 'lt' : a === b ? 'eq' : 'gt');

const nums = [0, -0, 1, -1, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 1.5, -2.5, 1e21, 1e20, 123456789012345680000,
  1e-7, 1e-6, 1.5e-7, 1e16, 1e-5, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 31, 2 ** 32, -(2 ** 31) - 1,
  4294967297.5, -4294967297.5, 1e300, 5e-324, Number.MAX_VALUE, 2.2250738585072014e-308, 100, 255,
  NaN, Infinity, -Infinity];
for (const x of nums) {
  kase('number_to_string', (v) => String(v), x);
  kase('to_int32', (v) => v | 0, x);
  kase('to_uint32', (v) => v >>> 0, x);
}
const bin = [0, -0, 1, -1, 5.5, -5.5, 3, -3, 0.1, 2, 0.5, 1e300, NaN, Infinity, -Infinity];
for (const a of bin) {
  for (const b of bin) {
    kase('modulo', (x, y) => x % y, a, b);
    kase('pow', (x, y) => x ** y, a, b);
  }
}
const numStrings = ['', ' ', '  12  ', '\u00a012\ufeff', '\n\t7\u2028', '1_000', '-0x10', '0x10', '0X1f',
  '0o17', '0b101', '0b', '0x', '0b2', 'Infinity', '+Infinity', '-Infinity', 'infinity', 'inf', 'NaN',
  '1e3', '1E-3', '.5', '5.', '.', '-.5e1', '+5', '--5', '1e', '1e+', '12px', '0.1', '-0', '00012',
  '1e1000', '-1e-400', '0x1fffffffffffff1', '123456789012345678901234567890', '\u30001\u3000', '\u180e1',
  '1 2', '0.0000001', '9007199254740993', '0x20000000000001', '٣'];
for (const s of numStrings) {
  kase('string_to_number', (v) => Number(v), s);
  kase('parse_float', parseFloat, s);
  for (const r of [undefined, 10, 16, 2, 36, 0, 1, 37, NaN, 16.9, -1, 4294967312]) {
    kase('parse_int', parseInt, s, r);
  }
}
for (const s of ['12abc', '  -42.9', '0x', '0xZ', '-0', 'z', 'Z1', '1e21', '0.00000001', '+-1',
  '123456789012345678901234567890', 'ffffffffffffffffffff', '0b11', '-0x1A']) {
  kase('parse_float', parseFloat, s);
  for (const r of [undefined, 10, 16, 2, 36, 8]) kase('parse_int', parseInt, s, r);
}

const strs = ['', 'a', 'hello', 'h\u00e9llo', '\u{1F600}', 'a\u{1F600}b', '\uffff', '\u{10000}',
  'ß', 'ΣΑΣ ΟΔΟΣ', 'İ', 'ﬃ', ' \t\n x \u00a0\ufeff\u2028\u3000', '\u180e x', 'abcabc'];
const positions = [undefined, 0, 1, 2, -1, -2, 3, 100, -100, NaN, Infinity, -Infinity, 1.7, -0.5];
for (const s of strs) {
  kase('utf16_len', (v) => v.length, s);
  kase('to_upper_case', (v) => v.toUpperCase(), s);
  kase('to_lower_case', (v) => v.toLowerCase(), s);
  kase('trim', (v) => v.trim(), s);
  kase('trim_start', (v) => v.trimStart(), s);
  kase('trim_end', (v) => v.trimEnd(), s);
  for (const i of positions) {
    if (i === undefined) continue;
    kase('char_at', (v, k) => v.charAt(k), s, i);
    kase('char_code_at', (v, k) => v.charCodeAt(k), s, i);
  }
  for (const [a, b] of [[0, undefined], [1, undefined], [-1, undefined], [1, 2], [2, 1], [-3, -1],
    [NaN, 2], [0, Infinity], [-Infinity, 1], [1.9, 3.9], [100, 0]]) {
    kase('slice', (v, x, y) => v.slice(x, y), s, a, b);
    kase('substring', (v, x, y) => v.substring(x, y), s, a, b);
  }
}
for (const [s, t] of [['hello', 'l'], ['hello', ''], ['hello', 'lo'], ['a\u{1F600}b', 'b'],
  ['a\u{1F600}b', '\u{1F600}'], ['', ''], ['', 'a'], ['abcabc', 'bc'], ['abc', 'abcd']]) {
  for (const p of [undefined, 0, 1, 2, -5, 100, NaN, Infinity]) {
    kase('index_of', (v, w, k) => v.indexOf(w, k), s, t, p);
    kase('includes', (v, w, k) => v.includes(w, k), s, t, p);
    kase('starts_with', (v, w, k) => v.startsWith(w, k), s, t, p);
    kase('ends_with', (v, w, k) => v.endsWith(w, k), s, t, p);
  }
}
for (const s of ['ab', '', '\u{1F600}']) {
  for (const n of [0, 1, 3, 2.9, -0.5, -1, -1.5, Infinity, -Infinity, NaN, 2 ** 40]) {
    kase('repeat', (v, k) => v.repeat(k), s, n);
  }
}
for (const s of ['abc', '', '\u{1F600}']) {
  for (const [n, f] of [[5, ' '], [6, 'xy'], [2, '*'], [5, ''], [4, '\u{1F600}'], [NaN, 'x'],
    [7.9, '-'], [-3, 'x'], [Infinity, 'x'], [2 ** 40, 'x']]) {
    kase('pad_start', (v, k, g) => v.padStart(k, g), s, n, f);
    kase('pad_end', (v, k, g) => v.padEnd(k, g), s, n, f);
  }
}
for (const s of ['a,b,,c', '', ',', 'abc', 'a\u{1F600}b', 'a<>b<>c']) {
  for (const sep of [undefined, ',', '', '<>', 'abc', 'x']) {
    for (const lim of [undefined, 0, 1, 2, -1, 4294967297, NaN]) {
      kase('split', (v, w, k) => v.split(w, k), s, sep, lim);
    }
  }
}
for (const [s, p, r] of [['hello', 'l', 'L'], ['hello', 'l', '[$&]'], ['hello', 'l', '$$'],
  ['hello', 'l', '$`|$\''], ['hello', 'l', '$1$<x>$'], ['hello', '', '_'], ['hello', 'z', '_'],
  ['a\u{1F600}b', '\u{1F600}', '$&$&'], ['', '', 'x'], ['aaa', 'a', '$']]) {
  kase('replace_first', (v, w, x) => v.replace(w, x), s, p, r);
}
const cmpStrs = ['', 'a', 'b', 'ab', 'B', '\uffff', '\u{10000}', '\u{1F600}', 'é', 'e\u0301', '\ud7ff'];
for (const a of cmpStrs) for (const b of cmpStrs) kase('compare_strings', cmp, a, b);

process.stdout.write(`[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);

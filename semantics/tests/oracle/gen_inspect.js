// Records what Node's util.format prints for argument lists, for tests/js_inspect.rs:
//   node semantics/tests/oracle/gen_inspect.js > semantics/tests/oracle/js_inspect_cases.json
// Values are JSON with markers for what JSON lacks: {"$u":0} undefined, {"$neg0":0} -0,
// {"$nan":0} NaN, {"$inf":1} / {"$inf":-1} infinities, {"$fn":"name"} a function.
'use strict';
const util = require('util');

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const cases = [
  [[1, 2, 3]],
  [[]],
  [{}],
  [{ a: 1, b: 'x' }],
  ['text', 1, 'more', true, null, { $u: 0 }],
  [range(7, (i) => i + 1)],
  [range(30, (i) => (i * 37) % 101)],
  [range(26, (i) => i * 1000)],
  [range(120, (i) => i)],
  [range(101, (i) => 'x')],
  [range(10, (i) => 'w' + 'x'.repeat(i))],
  [range(8, (i) => ({ id: i }))],
  [range(7, (i) => (i % 2 ? 'str' : i))],
  [[1.5, -2.25, { $neg0: 0 }, { $nan: 0 }, { $inf: 1 }, { $inf: -1 }, 1e21, 1e-7]],
  [{ a: { b: { c: { d: 1 } } } }],
  [{ a: { b: { c: {} } } }],
  [{ a: [[1, [2, [3]]]] }],
  [[[[[1]]]]],
  [{ 'a-b': 1, 2: 'two', 1: 'one', _ok: 3, $no: 4, 'sp ace': 5, é: 6 }],
  [{ s: "it's", d: 'say "hi"', both: `it's "x"`, all: 'it\'s "x" `y`', nl: 'a\nb\tc\\d' }],
  [{ f: { $fn: 'f' }, anon: { $fn: 'anonymous' }, arrow: { $fn: 'g' } }],
  [{ $fn: 'named' }],
  ['%s is %d years and %i, %f', 'Bob', 42.5, '42.9px', '1.5e3x'],
  ['%j and %o and %O', { a: [1] }, [1, { b: 2 }], { c: 'x' }],
  ['100%% sure %s', 'yes', 'extra', [1]],
  ['%s %s', 'only one'],
  ['%d', '0x10'],
  ['%s', { a: { b: 1 } }, [1, [2]]],
  ['%s', { $neg0: 0 }, -5],
  ['trailing %'],
  [{ $neg0: 0 }],
  ['x', { $u: 0 }, null, 3],
  [{ long: 'a'.repeat(60), other: 'b'.repeat(60) }],
  [{ k1: 'v'.repeat(20), k2: 'v'.repeat(20), k3: 'v'.repeat(20), k4: 'v'.repeat(20), k5: 'v'.repeat(20) }],
  [range(4, (i) => ({ name: 'item' + i, tags: ['a', 'b'], nested: { deep: { deeper: i } } }))],
  [{ list: range(12, (i) => i), obj: { x: range(3, (i) => ({ i })) } }],
  [[['a', 'b'], ['c', 'd']]],
  [range(7, (i) => [i, i])],
  [{ matrix: range(3, (i) => range(3, (j) => i * 3 + j)) }],
  ['😀 é', ['😀', 'é']],
];

function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    if ('$u' in v) return undefined;
    if ('$neg0' in v) return -0;
    if ('$nan' in v) return NaN;
    if ('$inf' in v) return v.$inf * Infinity;
    if ('$fn' in v) {
      const name = v.$fn;
      if (name === 'anonymous') return (() => () => 0)();
      return { [name]: function () {} }[name];
    }
    const o = {};
    for (const k of Object.keys(v)) o[k] = decode(v[k]);
    return o;
  }
  return v;
}

const out = cases.map((args) => ({ args, expected: util.format(...decode(args)) }));
process.stdout.write(JSON.stringify(out, null, 1) + '\n');

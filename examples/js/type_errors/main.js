// V8's TypeError messages name the callee as written: member chains, `o["k"]` as `o.k`,
// `f(...)` for a called result, `#<Object>` for a plain object passed as a callback.
function main(p) {
  let out = [];
  let a = [1], o = { a: { b: 2 } }, f = () => 3, s = "str";
  const tries = [() => a[0](), () => o.a.b(), () => f()(), () => o["a"](), () => s.foo(), () => a.foo(), () => p.k(1), () => [1].map(5), () => [1].map({}), () => undefinedFn(), () => o.a.b.c.d, () => null.x, () => o.zz.y];
  for (const t of tries) { try { out.push(t()); } catch (e) { out.push(e.name + ": " + e.message); } }
  return out;
}

function main(input) {
  function makeAdder(x) {
    return function (y) {
      x = x + 1;
      return x + y;
    };
  }
  const a = makeAdder(input.base);
  const b = makeAdder(10);
  const r1 = a(1);
  const r2 = a(1);
  const r3 = b(5);
  let shared = 0;
  const bump = function () {
    shared = shared + input.step;
    return shared;
  };
  bump();
  bump();
  return [r1, r2, r3, shared];
}

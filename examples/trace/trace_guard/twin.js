function main(input) {
  function g(x) {
    return x * 2;
  }
  function h(x) {
    return x + 10;
  }
  const fs = [g, h];
  const f = fs[input.k];
  return f(input.v);
}

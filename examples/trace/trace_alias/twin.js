function main(input) {
  let x = input.base;
  const add = function (y) {
    x = x + 1;
    return x + y;
  };
  const r = add(1);
  return r < 100 ? [r, x] : { big: r };
}

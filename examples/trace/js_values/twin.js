function main(input) {
  const x = input.x;
  return {
    t: typeof x,
    s: 'n=' + x,
    sum: x + 1,
    loose: x == '1',
    strict: x === 1,
    big: x * 1e21,
    tiny: x / 1e7,
    neg0: -0 * x,
    nan: x - 'a',
    inf: x / 0,
    truthy: !!x,
    arr: [1, [2, 3]] + '',
    obj: {} + '!',
    nul: null + 1,
    und: undefined + 1,
    mod: x % -3,
    pow: x ** 2,
    lt: x < '10',
  };
}

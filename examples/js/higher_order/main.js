// Higher-order functions: compose, pipelines over map/filter/reduce, functions kept in
// objects and arrays, callbacks with index arguments, and `parseInt` passed to `map`.
const compose = (f, g) => x => f(g(x));
const twice = f => compose(f, f);

function pipeline(xs, steps) {
  return steps.reduce((acc, step) => step(acc), xs);
}

function main(params) {
  let xs = params.xs;
  let ops = {
    double: x => x * 2,
    square: x => x ** 2,
    negate: x => -x,
  };
  let chosen = params.ops.map(name => ops[name]);
  let f = chosen.reduce(compose, x => x);
  let result = pipeline(xs, [
    ys => ys.map(f),
    ys => ys.filter((y, i) => i % 2 === 0 || y > 10),
    ys => ys.map((y, i) => `${i}:${y}`),
  ]);
  return {
    result,
    twice: twice(ops.double)(params.xs.length),
    parsed: ['10', '10', '10', '10'].map(parseInt),
    numbers: ['1', '2.5', 'x'].map(Number),
    some: xs.some(x => x > 3),
    every: xs.every(x => x > 0),
    found: xs.find(x => x % 2 === 0),
    index: xs.findIndex(x => x > 100),
  };
}

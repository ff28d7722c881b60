// Recursion: mutual recursion through hoisted declarations, a recursive arrow bound with
// const, tree walks over nested JSON, and Node's RangeError for unbounded recursion.
function isEven(n) {
  return n === 0 ? true : isOdd(n - 1);
}

function isOdd(n) {
  return n === 0 ? false : isEven(n - 1);
}

const fib = n => (n < 2 ? n : fib(n - 1) + fib(n - 2));

function depth(tree) {
  if (tree === null || typeof tree !== 'object') {
    return 0;
  }
  let best = 0;
  for (const k of Object.keys(tree)) {
    best = Math.max(best, depth(tree[k]));
  }
  return best + 1;
}

function flatten(xs) {
  let out = [];
  for (const x of xs) {
    if (Array.isArray(x)) {
      out = out.concat(flatten(x));
    } else {
      out.push(x);
    }
  }
  return out;
}

function forever(n) {
  return forever(n + 1) + 1;
}

function main(params) {
  if (params.forever) {
    return forever(0);
  }
  return {
    even: isEven(params.n),
    fib: fib(params.n),
    depth: depth(params.tree),
    flat: flatten(params.nested),
  };
}

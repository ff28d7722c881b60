// Closures capture variables by reference: counters share their cell, later assignments
// are seen, and `let` in a `for` loop gives each iteration its own binding (`var` does not).
function makeCounter(start) {
  let n = start;
  return {
    inc: () => ++n,
    get: function () { return n; },
    reset() { n = start; },
  };
}

function main(params) {
  let c = makeCounter(params.start);
  c.inc();
  c.inc();
  let seen = c.get();
  c.reset();
  let fs = [];
  for (let i = 0; i < 3; i++) {
    fs.push(() => i * params.start);
  }
  var gs = [];
  for (var j = 0; j < 3; j++) {
    gs.push(() => j);
  }
  let message = 'before';
  const show = () => message;
  message = 'after';
  let adders = [1, 10, 100].map(k => x => x + k);
  return {
    seen,
    afterReset: c.get(),
    lets: fs.map(f => f()),
    vars: gs.map(g => g()),
    show: show(),
    adders: adders.map(a => a(params.start)),
  };
}

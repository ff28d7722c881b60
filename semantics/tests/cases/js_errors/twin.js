function main(input) {
  const r = [];
  for (let i = 0; i < 4; i++) {
    try {
      if (i === 1) input.a.b;
      if (i === 2) input.a.b = 1;
      r[i] = 'fine';
    } catch (e) {
      r[i] = e.constructor.name + ': ' + e.message;
    }
  }
  if (input.t === 'throw') throw 'boom ' + r.length;
  return r;
}

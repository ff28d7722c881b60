function main(input) {
  const o = { b: 1, a: 2 };
  o[2] = 'two';
  o[1] = 'one';
  o.c = input.c;
  o['b'] = 10;
  const arr = [1, 2];
  arr[4] = 5;
  const nested = { list: arr, len: arr.length, missing: o.zzz };
  return { o: o, nested: nested, first: arr[0], hole: arr[3] === undefined };
}

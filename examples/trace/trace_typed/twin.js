function main(input) {
  const x = input.v;
  const y = x * 2;
  return y + 1;
}

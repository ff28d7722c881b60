function main(input) {
  function down(n) {
    return n === 0 ? 0 : 1 + down(n - 1);
  }
  return down(input.n);
}

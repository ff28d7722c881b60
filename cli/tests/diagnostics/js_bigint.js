function main(params) {
  return 1n;
}

function main(params) {
  return #count;
}

function main(params) {
  return /ab+c;
}

function main(args) {
  if (args.loop) {
    while (true) {}
  }
  return args.n * 2;
}

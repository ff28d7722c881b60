function niam(args) {
  return { greeting: "hello " + args.name };
}

function main(params) {
  /* the comment is never closed
  return params;
}

function main(params) {
  return params # 2;
}

function main(params) {
  return [params, params + 1];
}

function main(input) {
  let found = -1;
  let steps = 0;
  outer: for (let i = 0; i < input.rows; i++) {
    for (let j = 0; j < input.cols; j++) {
      steps++;
      if (j === i) continue;
      if (i * j === input.target) {
        found = i * 100 + j;
        break outer;
      }
    }
  }
  return { found: found, steps: steps };
}

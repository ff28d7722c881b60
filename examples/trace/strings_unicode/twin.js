function main(input) {
  const s = input.s;
  return { len: s.length, last: s[s.length - 1], cat: s + '|' + s, lt: s < 'm', eq: s == 'héllo' };
}

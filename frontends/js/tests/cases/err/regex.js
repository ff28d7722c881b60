let ok = 1 / 2;
let r = /ab+c/g;

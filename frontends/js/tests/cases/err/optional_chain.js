let o = {};
let v = o?.a;

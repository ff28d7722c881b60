function f() { total += 1; return total; }
f();
let total = 0;

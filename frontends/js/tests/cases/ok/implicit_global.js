function f() { total = 1; }

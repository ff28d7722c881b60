function f() { break; }

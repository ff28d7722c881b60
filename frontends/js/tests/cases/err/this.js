function f() { return this.x; }

let o = { get x() { return 1; } };

let o = { a: 1 };
delete o.a;

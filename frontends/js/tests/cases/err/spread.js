let xs = [1, 2];
let ys = [...xs];

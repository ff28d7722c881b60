let xs = [1, 2, 3];
xs.splice(0, 1);

let xs = [1, 2, 3];
xs.fill(0);

let m = new Map();

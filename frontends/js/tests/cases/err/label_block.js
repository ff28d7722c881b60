block: { let x = 1; }

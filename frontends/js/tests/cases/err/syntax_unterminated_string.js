let s = "never closed;

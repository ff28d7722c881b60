let x = 1;
class Point { }

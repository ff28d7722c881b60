let é = "ü😀";
class Ünïcode {}

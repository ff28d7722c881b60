def main(args):
    a = 'single' "double" '''triple
quoted''' """and "more" """
    b = r"raw\n" + "esc\n\t\x41\u00e9\101\
continued"
    c = f"{a!r:>10} {1 + 2:d} {3.14159:.2f} {{x}} {'nested'}"
    return [a, b, c, "é ü"]

# Fox & Hunhoff's `double_absolute_value` example.
def double_absolute_value(x):
    y = 2 * x
    if x < 0:
        y = -y
    return y


def main(args):
    return double_absolute_value(args["x"])

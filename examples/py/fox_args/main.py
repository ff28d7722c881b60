# Fox & Hunhoff's `args` example: the handler echoes its argument.
def echo(arg):
    return arg


def main(args):
    return echo(args["x"])

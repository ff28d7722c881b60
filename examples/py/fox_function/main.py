# Fox & Hunhoff's `function` example: a nested function definition.
def main(args):
    def bar():
        return 2

    return bar() + args["n"]

def main(args):
    s = args["delimiter"] + " ☃ " + args["delimiter"]
    print(s)
    return {"winter": s}

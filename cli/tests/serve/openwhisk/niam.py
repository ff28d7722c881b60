def niam(args):
    return {"greeting": "hello " + args.get("name", "stranger")}

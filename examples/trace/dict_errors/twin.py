def main(input):
    d = {"a": 1, "b": 2}
    keys = input["keys"]
    found = {}
    i = 0
    while i < len(keys):
        k = keys[i]
        try:
            found[k] = d[k] * 10
        except LookupError as e:
            found[k] = "missing " + str(e)
        finally:
            i = i + 1
    return {"found": found, "ratio": input["a"] // input["b"]}

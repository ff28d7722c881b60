def main(input):
    def fact(n):
        if n <= 1:
            return 1
        return n * fact(n - 1)
    total = 0
    i = 0
    while i < input["n"]:
        total = total + fact(i)
        i = i + 1
    print(str(total))
    return {"total": total, "f25": fact(25), "half": total / 2}

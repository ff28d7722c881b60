# array_pop: fill a list with n elements, then pop() from the end until it is empty,
# summing what comes off (Containerless micro-benchmark).
def main(args):
    n = args["n"]
    stack = []
    for i in range(n):
        stack.append(i * 3 % 101)
    total = 0
    pops = 0
    while stack:
        total += stack.pop()
        pops += 1
    return {"n": n, "total": total, "pops": pops}

# containerless.md §8: `while` bodies were not instrumented (`while y < x: y = y + 1`
# traced as if the loop were absent). Here loops run and trace where they belong.
def main(args):
    x = args["x"]
    y = 0
    steps = 0
    while y < x:
        y = y + 1
        steps += 1
    else:
        steps += 100
    n = 0
    while True:
        n += 1
        if n >= 3:
            break
    return {"y": y, "steps": steps, "n": n}

# Closures: counters with nonlocal, globals, default arguments evaluated once (filled in
# at calls of a name bound by one `def`), late binding of loop variables, and closures
# reading later assignments.
calls = 0


def make_counter(start):
    count = start

    def step(by=1):
        nonlocal count
        count += by
        return count

    def twice():
        step()
        return step()

    return twice


def bump():
    global calls
    calls += 1
    return calls


def append_to(x, acc=[]):
    acc.append(x)
    return acc


def main(args):
    c = make_counter(args["start"])
    a = c()
    b = c()
    bump()
    bump()
    fs = [lambda: i for i in range(3)]
    late = [f() for f in fs]
    shared = append_to(1)
    shared = append_to(2)
    message = "early"

    def show():
        return message

    message = "late"
    adders = list(map(lambda k: k + args["start"], [1, 2, 3]))
    return {"a": a, "b": b, "calls": calls, "late": late, "shared": shared, "show": show(), "adders": adders}

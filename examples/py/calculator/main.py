# A recursive-descent calculator: nested functions sharing `pos` through nonlocal.
def tokenize(expr):
    tokens = []
    i = 0
    while i < len(expr):
        c = expr[i]
        if c == " ":
            i += 1
            continue
        if c.isdigit():
            j = i
            while j < len(expr) and expr[j].isdigit():
                j += 1
            tokens.append(int(expr[i:j]))
            i = j
        elif c in "+-*/()":
            tokens.append(c)
            i += 1
        else:
            raise ValueError(f"bad character {c!r} at {i}")
    return tokens


def parse(tokens):
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def advance():
        nonlocal pos
        t = tokens[pos]
        pos += 1
        return t

    def expr():
        v = term()
        while peek() in ("+", "-"):
            op = advance()
            r = term()
            v = v + r if op == "+" else v - r
        return v

    def term():
        v = factor()
        while peek() in ("*", "/"):
            op = advance()
            r = factor()
            v = v * r if op == "*" else v // r
        return v

    def factor():
        t = advance()
        if t == "(":
            v = expr()
            advance()
            return v
        if t == "-":
            return -factor()
        return t

    result = expr()
    if pos != len(tokens):
        raise ValueError("trailing tokens")
    return result


def main(args):
    return parse(tokenize(args["expr"]))

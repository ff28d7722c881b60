# Exceptions: handlers by class with the hierarchy, `as e`, else/finally, re-raise,
# assert, and uncaught errors with CPython's class names and messages.
def risky(kind):
    if kind == "key":
        return {}["missing"]
    if kind == "index":
        return [1, 2][5]
    if kind == "zero":
        return 1 // 0
    if kind == "type":
        return "a" + 1
    if kind == "value":
        return int("12x")
    if kind == "custom":
        raise ValueError("custom problem")
    if kind == "bare":
        raise RuntimeError
    if kind == "assert":
        assert kind == "other", "kind was " + kind
    if kind == "attr":
        return [].nope
    if kind == "name":
        return undefined_name
    return "fine"


def main(args):
    log = []
    try:
        result = risky(args["kind"])
    except LookupError as e:
        log.append("lookup: " + repr(e))
        result = None
    except (ZeroDivisionError, TypeError) as e:
        log.append(f"arith/type: {e}")
        result = None
    else:
        log.append("no error")
    finally:
        log.append("finally")
    if args.get("reraise"):
        try:
            risky(args["kind"])
        except Exception:
            log.append("re-raising")
            raise
    return {"result": result, "log": log}

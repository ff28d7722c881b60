#!/usr/bin/env python3
"""The CPython timing worker of `tracelab bench --against cpython`.

A long-lived process speaking JSON Lines: one request per line on stdin, one answer per
line on stdout (see bench/README.md, "The timing workers"):

  {"op": "load", "id": ID, "file": PATH}
      -> {"ok": true} | {"error": "Class: message"}
  {"op": "time", "id": ID, "input": JSON_TEXT, "calls": N, "warmup": W}
      -> {"ns_per_call": F, "ns_parse": F, "result": JSON_TEXT} | {"error": "Class: message"}
  {"op": "quit"}
      -> (no answer; the process exits)

One call is `json.dumps(main(json.loads(input)))`; `ns_per_call` is the mean over N timed
calls after W untimed ones, `ns_parse` the mean of N `json.loads(input)` alone. The program
is exec'd once into a fresh module dict; its entry is `main(args)` (or
`lambda_handler(event, context)`). Whatever the program prints is discarded, so that
nothing but answers reaches stdout. Usage: python3 bench/workers/timer.py
"""
import builtins
import json
import sys
import time


class _Discard:
    """A text stream that drops everything (the programs' prints)."""

    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False


class _Context:
    """The minimal AWS Lambda context object, for `lambda_handler(event, context)`."""

    function_name = "tracelab"
    memory_limit_in_mb = 128
    aws_request_id = "tracelab-request"


def _describe(error):
    return f"{type(error).__name__}: {error}"


def _load(request, programs):
    path = request["file"]
    with open(path, encoding="utf-8") as f:
        source = f.read()
    namespace = {"__name__": "__tracelab_bench__", "__file__": path, "__builtins__": builtins}
    exec(compile(source, path, "exec"), namespace)
    if callable(namespace.get("main")):
        entry = namespace["main"]
    elif callable(namespace.get("lambda_handler")):
        handler = namespace["lambda_handler"]
        context = _Context()

        def entry(args):
            return handler(args, context)
    else:
        raise NameError(f"{path} defines neither main(args) nor lambda_handler(event, context)")
    programs[request["id"]] = entry
    return {"ok": True}


def _time(request, programs):
    ident = request["id"]
    if ident not in programs:
        raise KeyError(f"no program loaded with id {ident!r}")
    entry = programs[ident]
    text = request["input"]
    if not isinstance(text, str):
        raise TypeError("input must be the input's JSON text (a string)")
    calls = int(request.get("calls", 1))
    warmup = int(request.get("warmup", 0))
    if calls < 1 or warmup < 0:
        raise ValueError("calls must be at least 1 and warmup at least 0")
    loads, dumps, clock = json.loads, json.dumps, time.perf_counter_ns
    result = None
    for _ in range(warmup):
        result = dumps(entry(loads(text)))
    start = clock()
    for _ in range(calls):
        result = dumps(entry(loads(text)))
    elapsed = clock() - start
    start = clock()
    for _ in range(calls):
        loads(text)
    parse = clock() - start
    return {"ns_per_call": elapsed / calls, "ns_parse": parse / calls, "result": result}


def main():
    out = sys.stdout
    sys.stdout = _Discard()
    programs = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            op = request.get("op")
            if op == "quit":
                break
            if op == "load":
                answer = _load(request, programs)
            elif op == "time":
                answer = _time(request, programs)
            else:
                raise ValueError(f"unknown op {op!r}")
        except (Exception, SystemExit) as e:  # the program's error (or a bad request)
            answer = {"error": _describe(e)}
        out.write(json.dumps(answer) + "\n")
        out.flush()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The long-lived CPython oracle of difftest: one request per stdin line,
{"source": TEXT, "inputs": [JSON, ...]}, one response per stdout line, either a JSON array
of result records (each a string, so number literals survive) or {"oracle failed": WHY}.
Each input runs in a fresh module namespace through `run_one` of oracle/harness.py, so the
records are exactly those of `tracelab diff`. Run with PYTHONHASHSEED=0.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "oracle"))
import harness  # noqa: E402  (the path is set just above)


def main():
    out = sys.__stdout__
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            records = [
                harness.run_one(request["source"], "program.py", args, request.get("world", {}))
                for args in request["inputs"]
            ]
            reply = json.dumps(records)
        except BaseException as e:  # the harness itself failed: not the program's outcome
            reply = json.dumps({"oracle failed": f"{type(e).__name__}: {e}"})
        out.write(reply + "\n")
        out.flush()


if __name__ == "__main__":
    main()

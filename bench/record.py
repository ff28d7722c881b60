#!/usr/bin/env python3
"""Runs every benchmark of bench/ on every line of its inputs.jsonl through the CPython and
Node timing workers (bench/workers/timer.py, timer.js), checks the two languages give the
same JSON result (ints and floats that are equal count as the same), and writes CPython's
result for the first (timed) input to bench/<name>/expected.json, which the Rust reference's
tests compare against.

Usage: python3 bench/record.py [--time] [--check] [NAME ...]
  --time   also time the first input in both workers and print the mean per call
  --check  do not write expected.json; fail if it differs from what CPython gives now
Exit status 1 when the languages disagree, a program fails, or (with --check) a recording
is stale.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORKERS = {
    "cpython": (["python3", os.path.join(HERE, "workers", "timer.py")], "main.py"),
    "node": (["node", os.path.join(HERE, "workers", "timer.js")], "main.js"),
}


class Worker:
    def __init__(self, command):
        env = dict(os.environ, PYTHONHASHSEED="0")
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, encoding="utf-8", env=env)

    def ask(self, request):
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker ended early on {request}")
        return json.loads(line)

    def quit(self):
        self.proc.stdin.write('{"op": "quit"}\n')
        self.proc.stdin.close()
        self.proc.wait()


def benchmarks(names):
    found = sorted(d for d in os.listdir(HERE)
                   if os.path.isfile(os.path.join(HERE, d, "inputs.jsonl")))
    return [d for d in found if not names or d in names]


def calls_for(worker, ident, text):
    """A number of calls that takes roughly half a second."""
    probe = worker.ask({"op": "time", "id": ident, "input": text, "calls": 3, "warmup": 2})
    if "error" in probe:
        return probe
    return max(5, min(100000, int(5e8 / max(probe["ns_per_call"], 1.0))))


def main():
    args = sys.argv[1:]
    timing = "--time" in args
    check = "--check" in args
    names = [a for a in args if not a.startswith("--")]
    workers = {lang: Worker(cmd) for lang, (cmd, _) in WORKERS.items()}
    failed = False
    try:
        for name in benchmarks(names):
            with open(os.path.join(HERE, name, "inputs.jsonl"), encoding="utf-8") as f:
                inputs = [line.strip() for line in f if line.strip()]
            results = {}
            for lang, (_, file) in WORKERS.items():
                path = os.path.join(HERE, name, file)
                loaded = workers[lang].ask({"op": "load", "id": name, "file": path})
                if "error" in loaded:
                    print(f"{name}: {lang} cannot load {file}: {loaded['error']}")
                    failed = True
                    continue
                results[lang] = [workers[lang].ask({"op": "time", "id": name, "input": text,
                                                    "calls": 1, "warmup": 0})
                                 for text in inputs]
            if len(results) != len(WORKERS):
                continue
            for i, text in enumerate(inputs):
                answers = {lang: results[lang][i] for lang in WORKERS}
                errors = {lang: a["error"] for lang, a in answers.items() if "error" in a}
                if errors:
                    print(f"{name} input {i + 1}: error {errors}")
                    failed = True
                    continue
                values = {lang: json.loads(a["result"]) for lang, a in answers.items()}
                if values["cpython"] != values["node"]:
                    print(f"{name} input {i + 1}: the languages disagree\n"
                          f"  cpython: {answers['cpython']['result'][:400]}\n"
                          f"  node:    {answers['node']['result'][:400]}")
                    failed = True
            first = results["cpython"][0]
            if "error" in first:
                continue
            expected_path = os.path.join(HERE, name, "expected.json")
            recorded = json.dumps(json.loads(first["result"]), indent=1) + "\n"
            if check:
                try:
                    with open(expected_path, encoding="utf-8") as f:
                        stale = json.load(f) != json.loads(first["result"])
                except FileNotFoundError:
                    stale = True
                if stale:
                    print(f"{name}: expected.json is stale (run bench/record.sh)")
                    failed = True
            else:
                with open(expected_path, "w", encoding="utf-8") as f:
                    f.write(recorded)
            line = f"{name:<16} {len(inputs)} inputs agree"
            if timing:
                for lang in WORKERS:
                    calls = calls_for(workers[lang], name, inputs[0])
                    answer = workers[lang].ask({"op": "time", "id": name, "input": inputs[0],
                                                "calls": calls, "warmup": max(3, calls // 10)})
                    line += (f"  {lang} {answer['ns_per_call'] / 1000:9.1f} us/call"
                             f" (parse {answer['ns_parse'] / 1000:.1f} us, {calls} calls)")
            print(line, flush=True)
    finally:
        for w in workers.values():
            w.quit()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the data-carrying inputs of bench/: the text of word_count and the records
of json_transform (their timed inputs carry real data, since parsing it is part of what
they measure). Deterministic: the same file every time. Usage: python3 bench/gen_inputs.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Lcg:
    """Park-Miller minimal standard generator, the one the benchmarks use."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = self.state * 16807 % 2147483647
        return self.state

    def pick(self, items):
        return items[self.next() % len(items)]


COMMON = ("the of and to a in is it that for on with as was be by this are at from or an "
          "function trace server cold start request runtime event code memory latency").split()
RARE = ("lambda container tracing compiler rust python javascript semantics guard merge "
        "tree loop call heap stack frame value string number array object record result "
        "handler invocation billing warm pool scheduler kernel sandbox isolate budget fuel "
        "interpreter native machine step rule proof oracle input output world host answer "
        "benchmark harness worker timing median sample noise cache branch predictor vector "
        "register pipeline").split()
PUNCT = [",", ",", ".", ".", ";", ":", "!", "?", ""]


def text(words, seed):
    rng = Lcg(seed)
    out = []
    line = []
    start = True
    for _ in range(words):
        # A rough Zipf: common words are much more frequent than rare ones.
        w = rng.pick(COMMON) if rng.next() % 3 else rng.pick(RARE)
        if start or rng.next() % 17 == 0:
            w = w.capitalize()
        if rng.next() % 23 == 0:
            w = '"' + w + '"'
        elif rng.next() % 29 == 0:
            w = "(" + w + ")"
        p = rng.pick(PUNCT) if rng.next() % 6 == 0 else ""
        start = p in (".", "!", "?")
        line.append(w + p)
        if len(line) >= 12 and rng.next() % 4 == 0:
            out.append(" ".join(line))
            line = []
    out.append(" ".join(line))
    return "\n".join(out)


FIRST = "Ada Alan Grace Edsger Barbara John Margaret Donald Frances Ken Radia Leslie Niklaus Shafi".split()
LAST = "Lovelace Turing Hopper Dijkstra Liskov McCarthy Hamilton Knuth Allen Thompson Perlman Lamport Wirth Goldwasser".split()
DEPTS = ["engineering", "research", "sales", "support", "finance", "legal"]
TAGS = ["remote", "senior", "mentor", "oncall", "python", "rust", "js", "lead", "parttime"]


def records(count, seed):
    rng = Lcg(seed)
    out = []
    for i in range(count):
        first, last = rng.pick(FIRST), rng.pick(LAST)
        tags = []
        for _ in range(rng.next() % 4):
            t = rng.pick(TAGS)
            if t not in tags:
                tags.append(t)
        out.append({
            "id": 1000 + i,
            "name": f"{first} {last}",
            "email": f"{first}.{last}{i}@Example.COM",
            "dept": rng.pick(DEPTS),
            "salary": 30000 + rng.next() % 120000,
            "active": rng.next() % 5 != 0,
            "joined": f"{2008 + rng.next() % 16}-{1 + rng.next() % 12:02d}-{1 + rng.next() % 28:02d}",
            "tags": tags,
            "manager": None if rng.next() % 7 == 0 else 1000 + rng.next() % max(i, 1),
        })
    return out


def write(name, lines):
    with open(os.path.join(HERE, name, "inputs.jsonl"), "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")


def main():
    write("word_count", [
        {"text": text(700, 2024), "top": 10},
        {"text": "", "top": 10},
        {"text": "The cat and the hat. The END! (end)", "top": 3},
        {"text": text(40, 7) + "\n\n  spaced   out  \n", "top": 5},
    ])
    write("json_transform", [
        {"records": records(200, 31337), "min_salary": 50000},
        {"records": [], "min_salary": 0},
        {"records": records(6, 5), "min_salary": 40000},
    ])


if __name__ == "__main__":
    main()

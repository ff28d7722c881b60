#!/bin/sh
# Records bench/<name>/expected.json (CPython's result for the first line of each
# benchmark's inputs.jsonl) after checking CPython and Node agree on every input line.
# Usage: bench/record.sh [--time] [--check] [NAME ...]   (see bench/record.py)
exec python3 "$(dirname "$0")/record.py" "$@"

#!/usr/bin/env bash
# Time per element of the generated Rust at n = 10^3, 10^4 and 10^5, for the benchmarks
# whose size is the input's `n`: a linear operation keeps its time per element within a
# small factor from one size to the next, a quadratic one grows it tenfold.
#   usage: bench/scaling.sh [BENCHMARK...]   (default: the loop, array, string and dict ones)
# Each benchmark is traced on its own inputs.jsonl and built (release) by
# `tracelab compile --build`; its binary's `--time N` mode times N runs of one input, with
# fuel and memory unbounded so that the sizes themselves are measured, not the limits.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tracelab=${TRACELAB:-$root/target/release/tracelab}
[ -x "$tracelab" ] || { echo "build it first: cargo build --release -p tracelab" >&2; exit 2; }
benchmarks=("$@")
[ ${#benchmarks[@]} -gt 0 ] || benchmarks=(loop_for array_access array_pop array_shift string_build aggregate)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-14s %-4s %14s %14s %14s\n' benchmark lang "ns/n, n=10^3" "n=10^4" "n=10^5"
for b in "${benchmarks[@]}"; do
  for lang in py js; do
    built=$("$tracelab" compile "$here/$b/main.$lang" --inputs "$here/$b/inputs.jsonl" \
      -o "$work/$b-$lang" --build 2>&1 | tail -1)
    binary=${built#built }
    [ -x "$binary" ] || { echo "$b $lang: $built" >&2; exit 1; }
    # The timed input with its `n` replaced (other fields, such as a seed, kept).
    first=$(head -1 "$here/$b/inputs.jsonl")
    row=$(printf '%-14s %-4s' "$b" "$lang")
    for n in 1000 10000 100000; do
      input=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["n"]=int(sys.argv[2]); print(json.dumps(d))' "$first" "$n")
      runs=$(( 2000000 / n )); [ "$runs" -ge 3 ] || runs=3
      out=$(echo "$input" | "$binary" --time "$runs" --fuel 100000000000 --memory 100000000000)
      per=$(python3 -c 'import json,sys; print("%.1f" % (json.loads(sys.argv[1])["ns_per_run"] / int(sys.argv[2])))' "$out" "$n")
      row+=$(printf ' %14s' "$per")
    done
    echo "$row"
  done
done

#!/usr/bin/env bash
# bench/serve: requests/s and latency of `tracelab serve` (compiled and interpreted) against
# Node and CPython serving the same handlers over HTTP, measured with wrk. See README.md.
#
# Usage: bench/serve/run.sh [HANDLER ...]      (default: login word_count json_transform)
# Environment: TRACELAB              the binary (default: target/release/tracelab here)
#              LANGS                 tracelab's handler languages (default: "py js")
#              DURATION              seconds per timed wrk run (default: 5)
#              TRACELAB_RUST_TARGET  where tracelab builds (default: a fresh folder, below)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

# An explicit TRACELAB wins, so that a binary built elsewhere can be measured.
export TRACELAB=${TRACELAB:-$repo/target/release/tracelab}
if [ ! -x "$TRACELAB" ]; then
  echo "run.sh: no tracelab binary at $TRACELAB: run 'cargo build --release -p tracelab'" \
       "or set TRACELAB=path" >&2
  exit 2
fi
for tool in wrk node python3; do
  command -v "$tool" > /dev/null || { echo "run.sh: $tool is not installed" >&2; exit 2; }
done

# run.py stops each server when done with it; this trap is for when it cannot (an error, an
# interrupt, a kill): every server's process group (the server, tracelab's compiled workers
# and builds) is listed in $SERVE_BENCH_TMP/pgids and killed here.
export SERVE_BENCH_TMP
SERVE_BENCH_TMP=$(mktemp -d)
driver=
cleanup() {
  if [ -n "$driver" ]; then kill "$driver" 2> /dev/null || true; fi
  local pgids=()
  if [ -f "$SERVE_BENCH_TMP/pgids" ]; then mapfile -t pgids < "$SERVE_BENCH_TMP/pgids"; fi
  for pgid in "${pgids[@]}"; do kill -- "-$pgid" 2> /dev/null || true; done
  # A build killed mid-write must be gone before its folder is removed: wait up to 5 s.
  for _ in $(seq 50); do
    local alive=0
    for pgid in "${pgids[@]}"; do if kill -0 -- "-$pgid" 2> /dev/null; then alive=1; fi; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  rm -rf "$SERVE_BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# tracelab builds generated crates into one cargo target directory, where a crate built once
# (by an earlier run, or a test) is reused in ~0.1 s instead of built in ~2 s: that would
# hide the compile and swap costs on a second run. A fresh directory per run makes every
# build cold (the first one also builds the runtime crates, ~30 s); set
# TRACELAB_RUST_TARGET to reuse a warm one instead.
export TRACELAB_RUST_TARGET=${TRACELAB_RUST_TARGET:-$SERVE_BENCH_TMP/generated}

# In the background so that a signal to this script runs the traps at once instead of
# after the driver finishes.
python3 "$here/run.py" "$@" &
driver=$!
wait "$driver"

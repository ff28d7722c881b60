#!/usr/bin/env python3
"""The driver of bench/serve (run it through run.sh, which resolves the binary and cleans up).

For each handler, serves its first input over HTTP with wrk (-t1 -c8, keep-alive) from:
tracelab serve once compiled and with --no-compile (for each language of LANGS), Node
(main.js) and CPython (main.py); then prints the throughput/latency table, the targets,
the memory of compiled functions and the latency cost of recompiles under load.

Environment (set by run.sh): TRACELAB (the binary), SERVE_BENCH_TMP (a scratch folder whose
`pgids` file lists every server's process group, for run.sh's exit trap) and, read by
tracelab itself, TRACELAB_RUST_TARGET; optional LANGS (tracelab's languages, default
"py js") and DURATION (seconds per timed run, default 5).
Usage: run.py [HANDLER ...]   (default: login word_count json_transform)
"""
import contextlib
import json
import os
import platform
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
TRACELAB = os.environ["TRACELAB"]
TMP = os.environ["SERVE_BENCH_TMP"]
LANGS = os.environ.get("LANGS", "py js").split()
DURATION = int(os.environ.get("DURATION", "5"))
HANDLERS = sys.argv[1:] or ["login", "word_count", "json_transform"]

WARMUP_S = 1  # unmeasured wrk run before each timed one: V8's JIT, caches, worker spawn
COMPILE_AFTER = 3
COMPILE_TIMEOUT_S = 300  # a fresh checkout's first build also compiles the runtime crates
PERTURB_EVERY_S = 0.25  # how often the swap run sends an input off the compiled paths
TARGET_RATIO = 2.0  # compiled req/s at least twice Node's
TARGET_P50_US = 100
LANGUAGE = {"py": "python", "js": "javascript"}
READY = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- processes -----------------------------------------------------------------------------


@contextlib.contextmanager
def server(argv):
    """Starts a server that prints READY on stderr; yields (process, port); kills it after.

    Each server gets its own process group so that stopping it also stops what it started
    (tracelab's compiled workers and cargo builds); the group is recorded for run.sh's trap
    in case this driver dies first.
    """
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    # A thread drains stderr for the whole life of the server, so that a chatty server never
    # blocks on a full pipe; its lines (None at the end) tell when the server is ready.
    lines = queue.Queue()

    def drain():
        for line in proc.stderr:
            lines.put(line.rstrip())
        lines.put(None)

    threading.Thread(target=drain, daemon=True).start()
    try:
        with open(os.path.join(TMP, "pgids"), "a") as f:
            f.write(f"{proc.pid}\n")
        yield proc, wait_ready(lines, argv)
    finally:
        # SIGTERM first: tracelab shuts down gracefully (its build, also signalled, ends too).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_ready(lines, argv, timeout=15):
    deadline = time.monotonic() + timeout
    seen = []
    with contextlib.suppress(queue.Empty):
        while (line := lines.get(timeout=max(0, deadline - time.monotonic()))) is not None:
            match = READY.search(line)
            if match:
                return int(match.group(1))
            seen.append(line)
    raise RuntimeError(f"{argv[0]} did not start: {' / '.join(seen) or 'no output'}")


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass  # exited meanwhile
    return 0  # exited, or a zombie (no VmRSS)


def children(pid):
    """The direct children of pid (tracelab's worker processes), from /proc/*/stat."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # exited meanwhile
        # The command name may hold spaces and parentheses: fields resume after the last ')'.
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry))
    return found


class WorkerSampler:
    """The largest sum of RSS over a server's child processes (its compiled workers), and
    their number then, sampled every 0.2 s while the `with` block runs."""

    def __init__(self, pid):
        self.pid = pid
        self.count = self.kib = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample)

    def sample(self):
        while not self.stop.wait(0.2):
            pids = children(self.pid)
            kib = sum(rss_kib(pid) for pid in pids)
            if kib > self.kib:
                self.count, self.kib = len(pids), kib

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()


# --- HTTP ----------------------------------------------------------------------------------


def http(method, url, body=None):
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.loads(answer.read())
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {url}: {e.code} {e.read().decode(errors='replace')}")


def wrk(url, body_file, seconds):
    """One wrk run; the summary post.lua prints, plus req/s."""
    done = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{seconds}s", "--latency", "-s", os.path.join(HERE, "post.lua"),
         url],
        env={**os.environ, "WRK_BODY_FILE": body_file},
        capture_output=True, text=True, timeout=seconds + 60, check=True)
    match = re.search(r"^WRK_SUMMARY (.*)$", done.stdout, re.M)
    if not match:
        raise RuntimeError(f"wrk printed no summary: {done.stdout}{done.stderr}")
    summary = json.loads(match.group(1))
    summary["rps"] = summary["requests"] / (summary["duration_us"] / 1e6)
    return summary


def timed(url, body_file):
    """The warm-up, then the timed run."""
    wrk(url, body_file, WARMUP_S)
    return wrk(url, body_file, DURATION)


# --- one handler ---------------------------------------------------------------------------


class Handler:
    def __init__(self, name):
        self.name = name
        self.folder = os.path.join(BENCH, name)
        with open(os.path.join(self.folder, "inputs.jsonl"), encoding="utf-8") as f:
            self.inputs = [line.strip().encode() for line in f if line.strip()]
        # wrk sends exactly these bytes; the first line is the timed input.
        self.body_file = os.path.join(TMP, f"{name}.json")
        with open(self.body_file, "wb") as f:
            f.write(self.inputs[0])
        self.reference = None  # tracelab's `ok` value for the timed input, once known
        self.rows = []  # {"engine", "lang", wrk summary fields..., "invalid": reason | None}
        self.memory = []  # per tracelab language: worker and server RSS
        self.swaps = []  # per tracelab language: steady vs under-recompile latencies
        self.baseline_rss = {}  # engine label -> KiB after its run
        self.warnings = []

    def source(self, lang):
        with open(os.path.join(self.folder, f"main.{lang}"), encoding="utf-8") as f:
            return f.read()

    def check(self, engine, answer):
        """Compares an answer with tracelab's first one; warns when the `ok` values differ."""
        if self.reference is None:
            if "ok" not in answer:
                self.warn(f"{engine} answered {json.dumps(answer)[:200]}, not an ok record")
            self.reference = answer.get("ok")
        elif "ok" not in answer or answer["ok"] != self.reference:
            self.warn(f"{engine}'s answer differs from tracelab's: {json.dumps(answer)[:200]}")

    def warn(self, message):
        self.warnings.append(message)
        log(f"  WARNING: {message}")

    def record(self, engine, lang, summary, invalid=None):
        self.rows.append({"engine": engine, "lang": lang, **summary, "invalid": invalid})
        log(f"  {engine}: {summary['rps']:.0f} req/s, p50 {fmt_us(summary['p50_us'])}, "
            f"p99 {fmt_us(summary['p99_us'])}" + (f"  INVALID: {invalid}" if invalid else ""))

    def errors_of(self, summary):
        """Why a wrk run measured something other than answers, or None."""
        if summary["non_2xx"] or summary["socket_errors"]:
            return f"{summary['non_2xx']} non-2xx answers, {summary['socket_errors']} socket errors"
        return None

    def deploy(self, base, lang):
        http("PUT", base, json.dumps({"language": LANGUAGE[lang], "code": self.source(lang)}).encode())

    # (a) compiled, with the memory figures and the swap run on the same server
    def tracelab_compiled(self, lang):
        engine = f"tracelab compiled ({lang})"
        with server([TRACELAB, "serve", "--port", "0", "--compile-after", str(COMPILE_AFTER)]) as (
                proc, port):
            base = f"http://127.0.0.1:{port}/functions/{self.name}"
            rss_before = rss_kib(proc.pid)
            self.deploy(base, lang)
            for _ in range(COMPILE_AFTER):
                answer = http("POST", base, self.inputs[0])
            self.check(f"tracelab interpreted ({lang})", answer)
            status = wait_compiled(base)
            log(f"  compiled in {status['last_compile_ms']} ms")
            rss_compiled = rss_kib(proc.pid)
            self.check(engine, http("POST", base, self.inputs[0]))

            wrk(base, self.body_file, WARMUP_S)
            before = http("GET", base)
            # The workers are sampled during the run, not after it: tracelab kills a worker
            # whose client went away mid-request, which wrk's closing connections do at the
            # end of every run, so the pool is usually empty once wrk returns.
            with WorkerSampler(proc.pid) as workers:
                steady = wrk(base, self.body_file, DURATION)
            after = http("GET", base)
            compiled = after["compiled_invocations"] - before["compiled_invocations"]
            fallbacks = after["fallbacks"] - before["fallbacks"]
            # Valid only if every request wrk counted ran compiled code, with no fallback.
            problems = [self.errors_of(steady)]
            if fallbacks or compiled < steady["requests"] or after["phase"] != "compiled":
                problems.append(f"{fallbacks} fallbacks, {compiled} compiled invocations for "
                                f"{steady['requests']} requests, phase {after['phase']}")
            self.record(engine, lang, steady, "; ".join(p for p in problems if p) or None)

            self.memory.append({"lang": lang, "workers": workers.count,
                                "workers_kib": workers.kib, "before_kib": rss_before,
                                "compiled_kib": rss_compiled})
            self.swap(lang, base, steady)

    def swap(self, lang, base, steady):
        """wrk on the compiled input while other inputs take new paths: fallbacks, recompiles
        (cargo competing for the two cores) and version swaps, all under load."""
        others = self.inputs[1:]
        stop = threading.Event()

        def perturb():
            i = 0
            while not stop.wait(PERTURB_EVERY_S):
                try:
                    http("POST", base, others[i % len(others)])
                except (RuntimeError, OSError) as e:
                    self.warn(f"swap run ({lang}): input {2 + i % len(others)} failed: {e}")
                i += 1

        before = http("GET", base)
        perturber = threading.Thread(target=perturb)
        perturber.start()
        try:
            loaded = wrk(base, self.body_file, DURATION)
        finally:
            stop.set()
            perturber.join()
        after = http("GET", base)
        self.swaps.append({"lang": lang, "steady": steady, "loaded": loaded,
                           "compiles": after["compiles"] - before["compiles"],
                           "fallbacks": after["fallbacks"] - before["fallbacks"],
                           "building": after["phase"] == "compiling" or after["recompile_pending"]})
        log(f"  under recompiles: p99 {fmt_us(loaded['p99_us'])}, max {fmt_us(loaded['max_us'])}, "
            f"{after['compiles'] - before['compiles']} compiles, "
            f"{after['fallbacks'] - before['fallbacks']} fallbacks")

    # (b) interpreted
    def tracelab_interpreted(self, lang):
        engine = f"tracelab interpreted ({lang})"
        with server([TRACELAB, "serve", "--port", "0", "--no-compile"]) as (_, port):
            base = f"http://127.0.0.1:{port}/functions/{self.name}"
            self.deploy(base, lang)
            self.check(engine, http("POST", base, self.inputs[0]))
            summary = timed(base, self.body_file)
            self.record(engine, lang, summary, self.errors_of(summary))

    # (c), (d) the baselines
    def baseline(self, engine, lang, argv):
        with server(argv) as (proc, port):
            url = f"http://127.0.0.1:{port}/"
            self.check(engine, http("POST", url, self.inputs[0]))
            summary = timed(url, self.body_file)
            self.baseline_rss[engine] = rss_kib(proc.pid)
            self.record(engine, lang, summary, self.errors_of(summary))

    def run(self, node, cpython):
        steps = []
        for lang in LANGS:
            steps += [(f"tracelab compiled ({lang})", lang, lambda l=lang: self.tracelab_compiled(l)),
                      (f"tracelab interpreted ({lang})", lang,
                       lambda l=lang: self.tracelab_interpreted(l))]
        steps += [
            (node, "js", lambda: self.baseline(node, "js", [
                "node", os.path.join(HERE, "node_server.js"),
                os.path.join(self.folder, "main.js"), "0"])),
            (cpython, "py", lambda: self.baseline(cpython, "py", [
                sys.executable, os.path.join(HERE, "python_server.py"),
                os.path.join(self.folder, "main.py"), "0"])),
        ]
        for engine, lang, step in steps:
            try:
                step()
            except Exception as e:  # one engine failing must not lose the others' rows
                self.warn(f"{engine} failed: {e}")
                if not any(row["engine"] == engine for row in self.rows):
                    self.rows.append({"engine": engine, "lang": lang, "invalid": str(e)})


def wait_compiled(base):
    deadline = time.monotonic() + COMPILE_TIMEOUT_S
    while time.monotonic() < deadline:
        status = http("GET", base)
        if status["phase"] == "compiled":
            return status
        if status["interpreted_because"]:
            raise RuntimeError(f"not compiled: {status['interpreted_because']}")
        time.sleep(0.05)
    raise RuntimeError(f"not compiled after {COMPILE_TIMEOUT_S} s")


# --- report --------------------------------------------------------------------------------


def fmt_us(us):
    return f"{us} µs" if us < 1000 else f"{us / 1000:.2f} ms"


def fmt_kib(kib):
    return f"{kib / 1024:.1f} MiB"


def report(handlers, node, elapsed, load):
    print(f"\nMachine: {os.cpu_count()} cores; load average {load} at the start (other work on "
          "the machine skews every figure below).")
    print("\n## Throughput and latency (wrk -t1 -c8, "
          f"{DURATION} s after a {WARMUP_S} s warm-up; one request = the first line of inputs.jsonl)\n")
    print("| handler | engine | req/s | p50 | p99 | req/s vs Node |")
    print("|---|---|---:|---:|---:|---:|")
    invalid = []
    for h in handlers:
        node_row = next((r for r in h.rows if r["engine"] == node and not r["invalid"]), None)
        for row in h.rows:
            engine = row["engine"] + (" — INVALID" if row["invalid"] else "")
            if row["invalid"]:
                invalid.append(f"{h.name}, {row['engine']}: {row['invalid']}")
            if "rps" not in row:
                print(f"| {h.name} | {engine} | – | – | – | – |")
                continue
            ratio = f"{row['rps'] / node_row['rps']:.2f}×" if node_row else "–"
            print(f"| {h.name} | {engine} | {row['rps']:.0f} | {fmt_us(row['p50_us'])} | "
                  f"{fmt_us(row['p99_us'])} | {ratio} |")
    for line in invalid:
        print(f"- INVALID {line}")

    print(f"\n## Targets: compiled ≥ {TARGET_RATIO:g}× Node req/s, compiled p50 ≤ {TARGET_P50_US} µs\n")
    for h in handlers:
        node_row = next((r for r in h.rows if r["engine"] == node and not r["invalid"]), None)
        for row in h.rows:
            if not row["engine"].startswith("tracelab compiled"):
                continue
            if row["invalid"] or node_row is None:
                print(f"- {h.name}, {row['engine']}: NOT MET (no valid measurement)")
                continue
            ratio = row["rps"] / node_row["rps"]
            print(f"- {h.name}, {row['engine']}: "
                  f"req/s {ratio:.2f}× Node: {'met' if ratio >= TARGET_RATIO else 'NOT MET'}; "
                  f"p50 {fmt_us(row['p50_us'])}: "
                  f"{'met' if row['p50_us'] <= TARGET_P50_US else 'NOT MET'}")

    print("\n## Memory of a compiled function (VmRSS)\n")
    print("| handler | lang | worker processes | workers' RSS (peak during the run) | "
          "server before deploy | server after compile |")
    print("|---|---|---:|---:|---:|---:|")
    for h in handlers:
        for m in h.memory:
            print(f"| {h.name} | {m['lang']} | {m['workers']} | {fmt_kib(m['workers_kib'])} | "
                  f"{fmt_kib(m['before_kib'])} | {fmt_kib(m['compiled_kib'])} |")
    for h in handlers:
        if h.baseline_rss:
            print(f"- for scale, {h.name}: " + ", ".join(
                f"{engine} server {fmt_kib(kib)}" for engine, kib in h.baseline_rss.items()))

    print(f"\n## Swap cost: wrk on the compiled input while another input is sent every "
          f"{PERTURB_EVERY_S * 1000:.0f} ms (lines 2.. of inputs.jsonl: fallbacks, recompiles)\n")
    print("| handler | lang | steady p99 | steady max | loaded p99 | loaded max | "
          "loaded req/s vs steady | compiles | fallbacks |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for h in handlers:
        for s in h.swaps:
            steady, loaded = s["steady"], s["loaded"]
            print(f"| {h.name} | {s['lang']} | {fmt_us(steady['p99_us'])} | "
                  f"{fmt_us(steady['max_us'])} | {fmt_us(loaded['p99_us'])} | "
                  f"{fmt_us(loaded['max_us'])} | {loaded['rps'] / steady['rps']:.2f}× | "
                  f"{s['compiles']}{' (+1 pending at the end)' if s['building'] else ''} | "
                  f"{s['fallbacks']} |")

    warnings = [f"{h.name}: {w}" for h in handlers for w in h.warnings]
    if warnings:
        print("\n## Warnings\n")
        for w in warnings:
            print(f"- {w}")
    print(f"\nTotal time: {elapsed:.0f} s ({TRACELAB}).")


def main():
    start = time.monotonic()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    node = "Node " + subprocess.run(["node", "--version"], capture_output=True, text=True,
                                    check=True).stdout.strip().lstrip("v")
    cpython = f"CPython {platform.python_version()}"
    handlers = []
    for name in HANDLERS:
        log(f"[{name}]")
        handler = Handler(name)
        handler.run(node, cpython)
        handlers.append(handler)
    report(handlers, node, time.monotonic() - start, load)


if __name__ == "__main__":
    main()

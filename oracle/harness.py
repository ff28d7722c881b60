#!/usr/bin/env python3
"""The CPython oracle: runs a handler on JSON Lines inputs, each input in a fresh module
instance with a fresh `containerless` shim over the world file, and prints one tracelab
result record per input (design.md, "Observables and file formats").

Usage: python3 oracle/harness.py PROGRAM.py INPUTS.jsonl [WORLD.json]

The handler is `main(args)` (OpenWhisk style) or `lambda_handler(event, context)`.
Run with PYTHONHASHSEED=0 so that nothing depends on hash randomisation.
"""
import contextlib
import io
import json
import sys
import types


def make_containerless(world):
    """The host API over the world file; answers are fresh copies, a missing URL is None."""
    module = types.ModuleType("containerless")

    def answer(kind, url):
        table = world.get(kind, {})
        return json.loads(json.dumps(table[url])) if url in table else None

    module.get = lambda url: answer("get", url)
    module.post = lambda url, body=None: answer("post", url)
    return module


class Context:
    """The minimal AWS Lambda context object."""

    function_name = "tracelab"
    memory_limit_in_mb = 128
    aws_request_id = "tracelab-request"


def run_one(source, path, args, world):
    sys.modules["containerless"] = make_containerless(world)
    namespace = {"__name__": "__tracelab__", "__file__": path}
    out = io.StringIO()
    record = {}
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, path, "exec"), namespace)
            if "main" in namespace:
                result = namespace["main"](args)
            else:
                result = namespace["lambda_handler"](args, Context())
        try:
            record["ok"] = json.dumps(result)
        except (TypeError, ValueError) as e:
            record["error"] = {"kind": type(e).__name__, "message": str(e)}
    except Exception as e:  # the program's own error is a result, not a harness failure
        record["error"] = {"kind": type(e).__name__, "message": str(e)}
    finally:
        sys.modules.pop("containerless", None)
    log = out.getvalue().splitlines()
    if "ok" in record:
        text = '{"ok": ' + record["ok"]
    else:
        text = '{"error": ' + json.dumps(record["error"], ensure_ascii=False)
    if log:
        text += ', "log": ' + json.dumps(log, ensure_ascii=False)
    return text + "}"


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    path, inputs_path = sys.argv[1], sys.argv[2]
    world = {}
    if len(sys.argv) == 4:
        with open(sys.argv[3], encoding="utf-8") as f:
            world = json.load(f)
    # The bytes, as `python3 PROGRAM.py` reads them: CPython decodes them itself (a byte
    # order mark, CR or CR LF line endings).
    with open(path, "rb") as f:
        source = f.read()
    with open(inputs_path, encoding="utf-8") as f:
        inputs = [json.loads(line) for line in f if line.strip()]
    for args in inputs:
        print(run_one(source, path, args, world), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The CPython 3.11 baseline of bench/serve: serves one handler over HTTP/1.1 with keep-alive.

Every POST body is the input: the answer is json.dumps({"ok": main(json.loads(body))}), or
500 {"error": ...} when main raises. Standard library only: asyncio streams and a minimal
HTTP/1.1 parser (request line, headers, Content-Length body), because wrk keeps its
connections alive and `http.server` would pay a thread and a much heavier parser per
request, which would measure the framework more than CPython.

Usage: python3 bench/serve/python_server.py HANDLER.py PORT   (PORT 0: any free port)
Prints `python_server: listening on http://127.0.0.1:PORT` on stderr once ready.
"""
import asyncio
import builtins
import json
import sys


def load(path):
    """The handler's `main`, exec'd into a fresh module dict as bench/workers/timer.py does."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    namespace = {"__name__": "__tracelab_serve__", "__file__": path, "__builtins__": builtins}
    exec(compile(source, path, "exec"), namespace)
    if not callable(namespace.get("main")):
        sys.exit(f"{path} does not define main(args)")
    return namespace["main"]


def response(status, value, keep_alive):
    body = json.dumps(value).encode()
    reason = {200: "OK", 405: "Method Not Allowed", 500: "Internal Server Error"}
    head = (
        f"HTTP/1.1 {status} {reason[status]}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
    )
    return head.encode() + body


def make_handler(main):
    async def handle(reader, writer):
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return  # the client closed the connection (or sent an oversized head)
                lines = head.decode("latin-1").split("\r\n")
                method, _, version = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    name, sep, value = line.partition(":")
                    if sep:
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                connection = headers.get("connection", "").lower()
                keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
                if method != "POST":
                    status, value = 405, {"error": "POST the input"}
                else:
                    try:
                        status, value = 200, {"ok": main(json.loads(body))}
                    except Exception as e:  # the handler's error is the answer, not the server's
                        status, value = 500, {"error": f"{type(e).__name__}: {e}"}
                writer.write(response(status, value, keep_alive))
                await writer.drain()
                if not keep_alive:
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            return  # the client went away mid-request
        finally:
            writer.close()

    return handle


async def serve(main, port):
    server = await asyncio.start_server(make_handler(main), "127.0.0.1", port)
    bound = server.sockets[0].getsockname()[1]
    print(f"python_server: listening on http://127.0.0.1:{bound}", file=sys.stderr, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 python_server.py HANDLER.py PORT")
    asyncio.run(serve(load(sys.argv[1]), int(sys.argv[2])))

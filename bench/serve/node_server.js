#!/usr/bin/env node
// The Node 20 baseline of bench/serve: serves one handler over HTTP the way a minimal
// serverless runtime would. Every POST body is the input: the answer is
// JSON.stringify({ok: main(JSON.parse(body))}), or 500 {"error": ...} when main throws.
// Usage: node bench/serve/node_server.js HANDLER.js PORT   (PORT 0: any free port)
// Prints `node_server: listening on http://127.0.0.1:PORT` on stderr once ready.
'use strict';
const fs = require('fs');
const http = require('http');
const vm = require('vm');

const [file, port] = process.argv.slice(2);
if (file === undefined || port === undefined) {
  console.error('usage: node node_server.js HANDLER.js PORT');
  process.exit(2);
}

// Loaded as bench/workers/timer.js does: the handlers are plain scripts defining
// `function main(params)`, run once in the main context (so V8 optimises them as any
// module) inside a function wrapper that hands `main` back.
const source = fs.readFileSync(file, 'utf8');
const main = vm.runInThisContext(
  '(function () {' + source + '\n;return typeof main === "function" ? main : undefined;\n})',
  { filename: file },
)();
if (typeof main !== 'function') {
  console.error(`${file} does not define function main(params)`);
  process.exit(2);
}

function answer(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') {
    answer(res, 405, { error: 'POST the input' });
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let result;
    try {
      result = main(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch (e) {
      answer(res, 500, { error: String(e) });
      return;
    }
    answer(res, 200, { ok: result === undefined ? null : result });
  });
});
server.listen(Number(port), '127.0.0.1', () => {
  console.error(`node_server: listening on http://127.0.0.1:${server.address().port}`);
});

#!/usr/bin/env node
// The Node timing worker of `tracelab bench --against node`.
//
// A long-lived process speaking JSON Lines: one request per line on stdin, one answer per
// line on stdout (see bench/README.md, "The timing workers"):
//
//   {"op": "load", "id": ID, "file": PATH}
//       -> {"ok": true} | {"error": "Class: message"}
//   {"op": "time", "id": ID, "input": JSON_TEXT, "calls": N, "warmup": W}
//       -> {"ns_per_call": F, "ns_parse": F, "result": JSON_TEXT} | {"error": "Class: message"}
//   {"op": "quit"}
//       -> (no answer; the process exits)
//
// One call is `JSON.stringify(main(JSON.parse(input)))`; `ns_per_call` is the mean over N
// timed calls after W untimed ones, `ns_parse` the mean of N `JSON.parse(input)` alone.
// The program runs once, in the main context (so V8 optimises it as any module), inside a
// function wrapper like CommonJS's, so that programs do not share top-level bindings; its
// entry is `main(params)`. Its `console` discards everything, so that nothing but answers
// reaches stdout. Usage: node bench/workers/timer.js
'use strict';
const fs = require('fs');
const readline = require('readline');
const vm = require('vm');

const silentConsole = {};
for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']) {
  silentConsole[name] = () => {};
}

const programs = new Map();
// The last parse of a timing, kept so that the parses cannot be dropped as dead code.
let lastParsed; // eslint-disable-line no-unused-vars

function describe(e) {
  if (e !== null && typeof e === 'object' && typeof e.message === 'string') {
    const name = e.constructor && e.constructor.name ? e.constructor.name : e.name;
    return `${name}: ${e.message}`;
  }
  return `${e === null ? 'null' : typeof e}: ${String(e)}`;
}

function load(request) {
  const path = request.file;
  const source = fs.readFileSync(path, 'utf8');
  const wrapper = vm.runInThisContext(
    '(function (console, require) {' + source +
      '\n;return typeof main === "function" ? main : undefined;\n})',
    { filename: path },
  );
  const entry = wrapper(silentConsole, (name) => {
    throw new Error(`Cannot find module '${name}'`);
  });
  if (typeof entry !== 'function') {
    throw new ReferenceError(`${path} does not define function main(params)`);
  }
  programs.set(request.id, entry);
  return { ok: true };
}

function time(request) {
  const entry = programs.get(request.id);
  if (entry === undefined) {
    throw new Error(`no program loaded with id ${JSON.stringify(request.id)}`);
  }
  const text = request.input;
  if (typeof text !== 'string') {
    throw new TypeError("input must be the input's JSON text (a string)");
  }
  const calls = request.calls === undefined ? 1 : Math.floor(Number(request.calls));
  const warmup = request.warmup === undefined ? 0 : Math.floor(Number(request.warmup));
  if (!(calls >= 1) || !(warmup >= 0)) {
    throw new RangeError('calls must be at least 1 and warmup at least 0');
  }
  let result;
  for (let i = 0; i < warmup; i++) {
    result = JSON.stringify(entry(JSON.parse(text)));
  }
  let start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    result = JSON.stringify(entry(JSON.parse(text)));
  }
  const elapsed = process.hrtime.bigint() - start;
  let parsed;
  start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    parsed = JSON.parse(text);
  }
  const parse = process.hrtime.bigint() - start;
  lastParsed = parsed;
  return {
    ns_per_call: Number(elapsed) / calls,
    ns_parse: Number(parse) / calls,
    result: result === undefined ? 'null' : result,
  };
}

function answer(value) {
  process.stdout.write(JSON.stringify(value) + '\n');
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  if (line.trim() === '') return;
  let reply;
  try {
    const request = JSON.parse(line);
    if (request.op === 'quit') {
      rl.close();
      process.exit(0);
    } else if (request.op === 'load') {
      reply = load(request);
    } else if (request.op === 'time') {
      reply = time(request);
    } else {
      throw new Error(`unknown op ${JSON.stringify(request.op)}`);
    }
  } catch (e) {
    reply = { error: describe(e) };
  }
  answer(reply);
});
rl.on('close', () => process.exit(0));

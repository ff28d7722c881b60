#!/usr/bin/env node
// The long-lived Node oracle of difftest: one request per stdin line,
// {"source": TEXT, "inputs": [JSON, ...]}, one response per stdout line, either a JSON array
// of result records (each a string, so number literals survive) or {"oracle failed": WHY}.
// Each input runs in a fresh `vm` context through `runOne` of oracle/harness.js, so the
// records are exactly those of `tracelab diff`.
'use strict';
const path = require('path');
const readline = require('readline');
const { runOne } = require(path.join(__dirname, '..', '..', 'oracle', 'harness.js'));

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  let reply;
  try {
    const request = JSON.parse(line);
    const records = request.inputs.map((input) => runOne(request.source, 'program.js', input, request.world || {}));
    reply = JSON.stringify(records);
  } catch (e) {
    // The harness itself failed: not the program's outcome.
    reply = JSON.stringify({ 'oracle failed': String(e && e.stack ? e.stack : e) });
  }
  process.stdout.write(reply + '\n');
});

#!/usr/bin/env node
// The Node oracle: runs a function on JSON Lines inputs, each input in a fresh `vm` context
// with a fresh `containerless` shim over the world file, and prints one tracelab result
// record per input (design.md, "Observables and file formats").
//
// Usage: node oracle/harness.js PROGRAM.js INPUTS.jsonl [WORLD.json]
//
// The function is `main(params)` (OpenWhisk style) or a `containerless.listen` handler.
// Registered callbacks run after the current turn, first registered first, as in the
// machine; the first `respond` is the result, otherwise `main`'s return value.
'use strict';
const fs = require('fs');
const util = require('util');
const vm = require('vm');

function runOne(source, path, input, world) {
  const queue = [];
  const log = [];
  let responded = false;
  let response;
  const context = vm.createContext({});
  // Values handed to the program are made inside its context, so prototypes match; copied
  // value by value, since a JSON.stringify round trip would turn -0 into 0.
  const copyIn = vm.runInContext(
    `(function copy(v) {
      if (v === null || typeof v !== 'object') return v;
      if (Array.isArray(v)) { const a = []; for (let i = 0; i < v.length; i++) a.push(copy(v[i])); return a; }
      const o = {}; for (const k of Object.keys(v)) o[k] = copy(v[k]); return o;
    })`,
    context,
  );
  const fresh = (value) => (value === undefined ? undefined : copyIn(value));
  const urlOf = (arg) => (typeof arg === 'string' ? arg : arg && arg.url);
  const answer = (kind, arg) => {
    const table = world[kind] || {};
    const url = urlOf(arg);
    return Object.prototype.hasOwnProperty.call(table, url) ? fresh(table[url]) : undefined;
  };
  const containerless = {
    listen: (callback) => queue.push(() => callback(fresh(input))),
    get: (arg, callback) => queue.push(() => callback(answer('get', arg))),
    post: (arg, callback) => queue.push(() => callback(answer('post', arg))),
    respond: (value) => {
      if (!responded) {
        responded = true;
        response = value;
      }
    },
  };
  context.require = (name) => {
    if (name === 'containerless') return containerless;
    throw new Error(`Cannot find module '${name}'`);
  };
  context.console = { log: (...args) => log.push(util.format(...args)) };
  let record;
  try {
    vm.runInContext(source, context, { filename: path });
    const main = vm.runInContext('typeof main === "function" ? main : undefined', context);
    const result = main ? main(fresh(input)) : undefined;
    while (queue.length > 0) queue.shift()();
    const text = JSON.stringify(responded ? response : result);
    record = `{"ok": ${text === undefined ? 'null' : text}`;
  } catch (e) {
    const isError = e !== null && typeof e === 'object' && typeof e.message === 'string' && 'stack' in e;
    const kind = isError
      ? e.constructor.name
      : e === null ? 'null' : e === undefined ? 'undefined' : e.constructor.name;
    const message = isError ? e.message : String(e);
    record = `{"error": ${JSON.stringify({ kind, message })}`;
  }
  if (log.length > 0) record += `, "log": ${JSON.stringify(log)}`;
  return record + '}';
}

function main() {
  const [path, inputsPath, worldPath] = process.argv.slice(2);
  if (!path || !inputsPath) {
    process.stderr.write('usage: node oracle/harness.js PROGRAM.js INPUTS.jsonl [WORLD.json]\n');
    process.exit(2);
  }
  const world = worldPath ? JSON.parse(fs.readFileSync(worldPath, 'utf8')) : {};
  const source = fs.readFileSync(path, 'utf8');
  const inputs = fs.readFileSync(inputsPath, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  for (const input of inputs) process.stdout.write(runOne(source, path, input, world) + '\n');
}

// Run as a script (the CLI, `oracle/record`); required as a module by difftest's server.
if (require.main === module) main();
module.exports = { runOne };

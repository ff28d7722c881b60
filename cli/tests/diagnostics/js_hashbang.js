#!/usr/bin/env node
function main(params) {
  return params + 1;
}

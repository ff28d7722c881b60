// Errors: TypeError for a property of undefined and for calling a non-function (with V8's
// messages), ReferenceError, RangeError, user errors, throwing non-Error values, and
// try/catch/finally with the order in which the blocks run.
function risky(kind) {
  if (kind === 'property') return undefined.x;
  if (kind === 'call') return kind.nothing();
  if (kind === 'reference') return notDeclared + 1;
  if (kind === 'range') return 'x'.repeat(-1);
  if (kind === 'user') throw new Error('user error: ' + kind);
  if (kind === 'string') throw 'just a string';
  if (kind === 'object') throw { code: 7 };
  return 'fine';
}

function main(params) {
  let trail = [];
  try {
    trail.push('try');
    let r = risky(params.kind);
    trail.push(r);
  } catch (e) {
    trail.push(`catch ${typeof e} ${e.name} ${e.message}`);
  } finally {
    trail.push('finally');
  }
  if (params.rethrow) {
    risky(params.kind);
  }
  return trail;
}

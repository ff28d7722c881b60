// §9 row 1: the callee is chosen by the input. A trace that inlined g must not run g's
// body when the request picks h (tracelab guards the callee).
let containerless = require('containerless');
function g(v) { return v + 1; }
function h(v) { return v * 2; }
containerless.listen(function (req) {
  let fs = [g, h];
  let f = fs[req.body.k];
  containerless.respond(f(10));
});

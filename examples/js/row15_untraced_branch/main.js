// §9 row 15: a branch (and a callback) that training may never take: the trace answers
// unknown there and tracelab falls back to the interpreter instead of failing.
let containerless = require('containerless');
containerless.listen(function (req) {
  if (req.body.rare) {
    containerless.get('rare.json', function (r) {
      containerless.respond('rare: ' + JSON.stringify(r));
    });
  } else {
    containerless.respond('common');
  }
});

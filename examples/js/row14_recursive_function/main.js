// §9 row 14: a recursive function (its closure refers to itself).
let containerless = require('containerless');
function add(x, i) {
  if (i === 0) {
    return x;
  }
  return add(x + 1, i - 1);
}
containerless.listen(function (req) {
  containerless.respond(add(req.body.x, req.body.i));
});

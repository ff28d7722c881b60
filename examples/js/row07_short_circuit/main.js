// §9 row 7: `||` short-circuits, so `q.f` is not read when q is undefined.
let containerless = require('containerless');
containerless.listen(function (req) {
  let q = req.query;
  if (q === undefined || q.f === undefined) {
    containerless.respond('missing');
  } else {
    containerless.respond('f=' + q.f);
  }
});

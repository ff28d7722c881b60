// §9 row 8: a number as an `if` condition (0 and NaN are falsy).
let containerless = require('containerless');
containerless.listen(function (req) {
  let n = req.body.n;
  if (n) {
    containerless.respond('truthy ' + n);
  } else {
    containerless.respond('falsy ' + n);
  }
});

// §9 row 5: a length (an integer) compared with a literal; JS has one number type.
let containerless = require('containerless');
containerless.listen(function (req) {
  if (req.path.length === 6) {
    containerless.respond('six');
  } else {
    containerless.respond('not six: ' + req.path.length);
  }
});

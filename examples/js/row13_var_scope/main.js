// §9 row 13: a `var` assigned in both arms of an `if` and used after it (function scope).
let containerless = require('containerless');
containerless.listen(function (req) {
  if (req.body.big) {
    var z = 'big';
  } else {
    var z = 'small';
  }
  containerless.respond(z + ' ' + typeof y);
  var y = 1;
});

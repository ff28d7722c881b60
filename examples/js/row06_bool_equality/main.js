// §9 row 6: `===` on booleans.
let containerless = require('containerless');
containerless.listen(function (req) {
  let b = req.body.b;
  containerless.respond(b === true ? 'T' : b === false ? 'F' : 'neither');
});

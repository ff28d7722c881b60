// §9 row 2: an array turned into a string (`respond` of a string built from an array).
let containerless = require('containerless');
containerless.listen(function (req) {
  let xs = req.body.xs;
  containerless.respond('' + xs + ' / ' + String([xs, [xs]]) + ' / ' + `${xs}`);
});

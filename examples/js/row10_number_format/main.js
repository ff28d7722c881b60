// §9 row 10: numbers print as ECMAScript's Number::toString (`1e+22`, not all digits).
let containerless = require('containerless');
containerless.listen(function (req) {
  let x = req.body.n * 1e20;
  containerless.respond(['' + x, String(req.body.n / 3), `${-req.body.n * 1e-9}`, x]);
});

// §9 row 4: `+` on a string and a number concatenates (every pair of types works).
let containerless = require('containerless');
containerless.listen(function (req) {
  let n = req.body.n;
  containerless.respond(['n=' + 3, 'n=' + n, n + '!', n + 1, true + n, null + n, [n] + n]);
});

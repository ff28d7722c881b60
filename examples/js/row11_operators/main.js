// §9 row 11: `!`, `%`, `==` and `!=` (the operators the original trace compiler lacked).
let containerless = require('containerless');
containerless.listen(function (req) {
  let m = req.body.m;
  let out = [];
  if (!m) out.push('not m');
  out.push(m % 3, m == '4', m != null, m == undefined, -m % 2);
  containerless.respond(out);
});

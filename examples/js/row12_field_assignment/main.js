// §9 row 12: assigning a field of an object (`o.path = 'pong'`), also compound and new fields.
let containerless = require('containerless');
containerless.listen(function (req) {
  let o = req;
  o.path = 'pong';
  o.count = (o.count || 0) + 1;
  o['count'] += 10;
  o.list = [];
  o.list[2] = 'x';
  containerless.respond(o);
});

// §9 row 16: a loop with more than 10 000 iterations runs to the end.
let containerless = require('containerless');
containerless.listen(function (req) {
  let total = 0;
  for (let i = 0; i < req.body.n; i++) {
    total += i % 7;
  }
  containerless.respond(total);
});

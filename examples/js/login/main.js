// Containerless-style login: the request names a user, the password table comes from the
// world through `containerless.get`, and the first `respond` is the result.
let containerless = require('containerless');

containerless.listen(function (req) {
  if (req.body === undefined || typeof req.body.username !== 'string') {
    containerless.respond('bad request');
    return;
  }
  containerless.get('passwords.json', function (resp) {
    let u = req.body.username;
    if (resp[u] === req.body.password) {
      containerless.respond('ok');
    } else {
      containerless.respond('error');
    }
    containerless.respond('ignored');
  });
});

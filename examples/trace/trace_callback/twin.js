let containerless = require('containerless');
containerless.listen(function (req) {
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

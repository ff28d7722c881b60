let containerless = require('containerless');
containerless.listen(function (req) {
  containerless.get('a.json', function (a) {
    containerless.post({ url: 'b', body: a }, function (b) {
      containerless.respond([a, b, req]);
    });
  });
});

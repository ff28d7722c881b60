// §9 row 3: responding with an object gives its JSON, not "[object Object]".
let containerless = require('containerless');
containerless.listen(function (req) {
  containerless.respond({ a: 1, b: 'x', echo: req.body, nested: { list: [req.body] } });
});

// §9 row 9: a global counter incremented per request. Each invocation is a fresh
// instance, so module code runs again and the counter restarts.
let containerless = require('containerless');
let counter = 0;
containerless.listen(function (req) {
  counter++;
  containerless.respond(counter);
});

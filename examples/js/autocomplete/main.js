// Autocomplete: the words of a dictionary (from the world) that start with the query,
// ranked by length then alphabetically, at most five, joined for display.
let containerless = require('containerless');

containerless.listen(function (req) {
  let prefix = req.query.q.trim().toLowerCase();
  containerless.get('words.json', function (words) {
    let matches = words.filter(w => w.startsWith(prefix));
    matches.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    let top = matches.slice(0, 5);
    console.log(`${prefix}: ${top.length} of ${matches.length}`, top);
    containerless.respond(top.length === 0 ? 'no match' : top.join(', '));
  });
});

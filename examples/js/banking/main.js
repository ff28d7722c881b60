// Banking in continuation-passing style: three chained events (read the account, read the
// exchange rate, post the new balance), each callback registered by the previous one.
let containerless = require('containerless');

function convert(amount, rate) {
  return Math.round(amount * rate * 100) / 100;
}

containerless.listen(function (req) {
  let account = req.body.account;
  containerless.get('accounts/' + account, function (acct) {
    if (acct === undefined) {
      containerless.respond({ error: 'no such account: ' + account });
      return;
    }
    containerless.get('rates/' + req.body.currency, function (rate) {
      if (rate === undefined) {
        containerless.respond({ error: `unknown currency ${req.body.currency}` });
        return;
      }
      let amount = convert(req.body.amount, rate);
      if (req.body.kind === 'withdraw' && amount > acct.balance) {
        containerless.respond({ error: 'insufficient funds', balance: acct.balance });
        return;
      }
      let balance = req.body.kind === 'withdraw' ? acct.balance - amount : acct.balance + amount;
      containerless.post({ url: 'ledger', body: { account, balance } }, function (ack) {
        containerless.respond({ account, balance, ack });
      });
    });
  });
});

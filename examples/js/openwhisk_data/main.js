// OpenWhisk style: `main(params)` summarises a list of orders (totals per customer,
// the largest order, the average) and returns a JSON object.
function main(params) {
  let orders = params.orders || [];
  let totals = {};
  let largest = null;
  for (const o of orders) {
    let amount = o.qty * o.price;
    totals[o.customer] = (totals[o.customer] ?? 0) + amount;
    if (largest === null || amount > largest.amount) {
      largest = { id: o.id, amount };
    }
  }
  let customers = Object.keys(totals);
  let sum = Object.values(totals).reduce((a, b) => a + b, 0);
  return {
    customers: customers.length,
    totals,
    largest,
    average: orders.length > 0 ? Number((sum / orders.length).toFixed(2)) : 0,
    report: customers.map(c => c + '=' + totals[c]).join(';'),
  };
}

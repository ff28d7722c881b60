// aggregate: n sales records (region, product, amount) generated from a seed with a
// Park-Miller generator are grouped by region into an object with the count, sum, min and
// max of the amounts and a count per product.
const REGIONS = ['north', 'south', 'east', 'west', 'central', 'islands', 'overseas'];
const PRODUCTS = ['widget', 'gadget', 'gizmo', 'doohickey', 'sprocket'];

function makeRecords(n, seed) {
  const records = [];
  for (let i = 0; i < n; i++) {
    seed = seed * 16807 % 2147483647;
    records.push({
      region: REGIONS[seed % REGIONS.length],
      product: PRODUCTS[Math.floor(seed / 7) % PRODUCTS.length],
      amount: Math.floor(seed / 35) % 1000 + 1,
    });
  }
  return records;
}

function main(params) {
  const groups = {};
  for (const rec of makeRecords(params.n, params.seed)) {
    const amount = rec.amount;
    let group = groups[rec.region];
    if (group === undefined) {
      group = { count: 0, sum: 0, min: amount, max: amount, products: {} };
      groups[rec.region] = group;
    }
    group.count += 1;
    group.sum += amount;
    if (amount < group.min) {
      group.min = amount;
    }
    if (amount > group.max) {
      group.max = amount;
    }
    group.products[rec.product] = (group.products[rec.product] || 0) + 1;
  }
  return { n: params.n, regions: Object.keys(groups).length, groups: groups };
}

// report: a formatted plain-text sales report of n line items generated from a seed with a
// Park-Miller generator: aligned columns (padding), money with two decimals, shares with
// one, a header, a rule and a footer, joined with newlines.
const NAMES = ['anvil', 'bolt', 'cable', 'drill', 'easel', 'funnel', 'gasket', 'hinge', 'ink',
  'jack', 'kettle', 'ladder'];
const WIDTH = 62;

function main(params) {
  const n = params.n;
  let seed = params.seed;
  const items = [];
  for (let i = 0; i < n; i++) {
    seed = seed * 16807 % 2147483647;
    items.push({
      name: `${NAMES[seed % NAMES.length]}-${i + 1}`,
      qty: Math.floor(seed / 12) % 40 + 1,
      cents: Math.floor(seed / 480) % 250000 + 99,
    });
  }
  const grand = items.reduce((acc, it) => acc + it.qty * it.cents, 0);
  const units = items.reduce((acc, it) => acc + it.qty, 0);
  const lines = [
    params.title.toUpperCase(),
    '='.repeat(WIDTH),
    '#'.padStart(4) + '  ' + 'item'.padEnd(16) + 'qty'.padStart(6) + 'price'.padStart(11) +
      'total'.padStart(14) + 'share'.padStart(9),
    '-'.repeat(WIDTH),
  ];
  items.forEach((it, i) => {
    const total = it.qty * it.cents;
    const share = total * 100 / grand;
    lines.push(String(i + 1).padStart(4) + '  ' + it.name.padEnd(16) +
      String(it.qty).padStart(6) + (it.cents / 100).toFixed(2).padStart(11) +
      (total / 100).toFixed(2).padStart(14) + share.toFixed(1).padStart(8) + '%');
  });
  lines.push('-'.repeat(WIDTH));
  lines.push(''.padStart(4) + '  ' + 'TOTAL'.padEnd(16) + String(units).padStart(6) +
    ''.padStart(11) + (grand / 100).toFixed(2).padStart(14) + (n ? '100.0%' : '').padStart(9));
  const average = n ? grand / 100 / n : 0;
  lines.push(`${n} items, ${units} units, average ${average.toFixed(2)} per item`);
  return { lines: lines.length, text: lines.join('\n') };
}

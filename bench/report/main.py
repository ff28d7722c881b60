# report: a formatted plain-text sales report of n line items generated from a seed with a
# Park-Miller generator: aligned columns (padding), money with two decimals, shares with
# one, a header, a rule and a footer, joined with newlines.
NAMES = ["anvil", "bolt", "cable", "drill", "easel", "funnel", "gasket", "hinge", "ink",
         "jack", "kettle", "ladder"]
WIDTH = 62


def main(args):
    n = args["n"]
    seed = args["seed"]
    items = []
    for i in range(n):
        seed = seed * 16807 % 2147483647
        name = f"{NAMES[seed % len(NAMES)]}-{i + 1}"
        qty = seed // 12 % 40 + 1
        cents = seed // 480 % 250000 + 99
        items.append((name, qty, cents))
    grand = sum(qty * cents for name, qty, cents in items)
    units = sum(qty for name, qty, cents in items)
    lines = [args["title"].upper(), "=" * WIDTH,
             f"{'#':>4}  {'item':<16}{'qty':>6}{'price':>11}{'total':>14}{'share':>9}",
             "-" * WIDTH]
    for i, (name, qty, cents) in enumerate(items):
        total = qty * cents
        share = total * 100 / grand
        lines.append(f"{i + 1:>4}  {name:<16}{qty:>6}{cents / 100:>11.2f}{total / 100:>14.2f}{share:>8.1f}%")
    lines.append("-" * WIDTH)
    lines.append(f"{'':>4}  {'TOTAL':<16}{units:>6}{'':>11}{grand / 100:>14.2f}{'100.0%' if n else '':>9}")
    average = grand / 100 / n if n else 0
    lines.append(f"{n} items, {units} units, average {average:.2f} per item")
    return {"lines": len(lines), "text": "\n".join(lines)}

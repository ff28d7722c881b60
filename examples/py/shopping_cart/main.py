# A shopping cart in integer cents with discount codes and validation.
PRICES = {"apple": 125, "bread": 349, "milk": 99, "cheese": 1299}
DISCOUNTS = {"TENOFF": ("percent", 10), "FIVE": ("fixed", 500)}


def line_total(item, qty):
    if item not in PRICES:
        raise KeyError(item)
    if qty <= 0:
        raise ValueError(f"bad quantity for {item}: {qty}")
    return PRICES[item] * qty


def apply_discount(subtotal, code):
    if code is None:
        return subtotal
    kind, amount = DISCOUNTS[code]
    if kind == "percent":
        return subtotal - subtotal * amount // 100
    return max(subtotal - amount, 0)


def main(args):
    subtotal = 0
    lines = []
    for item, qty in args["items"]:
        cents = line_total(item, qty)
        subtotal += cents
        lines.append(f"{item:<8}{qty:>3} {cents / 100:>8.2f}")
    total = apply_discount(subtotal, args.get("code"))
    return {"lines": lines, "subtotal": subtotal, "total": total, "display": f"${total // 100}.{total % 100:02d}"}

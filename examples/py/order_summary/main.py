# Order summary: validation with exceptions, setdefault, generator sum, min with key, a world lookup.
import containerless

TAX_RATE = 0.08
CATEGORIES = ["food", "tech", "books"]


def parse_order(raw):
    if not isinstance(raw, dict):
        raise TypeError("order must be a dict")
    items = raw.get("items", [])
    if len(items) == 0:
        raise ValueError("empty order")
    parsed = []
    for idx, item in enumerate(items):
        name, price, qty = item["name"], item["price"], item.get("qty", 1)
        if price < 0:
            raise ValueError(f"item {idx}: negative price {price!r}")
        parsed.append({"name": name, "price": price, "qty": qty, "cat": item.get("cat", "misc")})
    return parsed


def summarize(items):
    by_cat = {}
    for it in items:
        cat = it["cat"] if it["cat"] in CATEGORIES else "other"
        by_cat.setdefault(cat, []).append(it["name"])
    totals = {c: len(names) for c, names in by_cat.items()}
    subtotal = sum(it["price"] * it["qty"] for it in items)
    tax = round(subtotal * TAX_RATE, 2)
    return {"by_cat": by_cat, "totals": totals, "subtotal": subtotal, "tax": tax,
            "total": f"{subtotal + tax:.2f}", "cheapest": min(items, key=lambda i: i["price"])["name"],
            "names": ", ".join(sorted([i["name"] for i in items], key=None))}


def main(args):
    try:
        items = parse_order(args)
    except (TypeError, ValueError) as e:
        return {"error": str(e)}
    except KeyError as e:
        return {"error": "missing field " + str(e)}
    result = summarize(items)
    rate = containerless.get("https://rates.example/" + args.get("currency", "usd"))
    if rate is not None:
        result["converted"] = round(result["subtotal"] * rate["rate"], 2)
    print("order ok", len(items), "items")
    return result

# aggregate: n sales records (region, product, amount) generated from a seed with a
# Park-Miller generator are grouped by region into a dict with the count, sum, min and max
# of the amounts and a count per product.
REGIONS = ["north", "south", "east", "west", "central", "islands", "overseas"]
PRODUCTS = ["widget", "gadget", "gizmo", "doohickey", "sprocket"]


def make_records(n, seed):
    records = []
    for _ in range(n):
        seed = seed * 16807 % 2147483647
        records.append({
            "region": REGIONS[seed % len(REGIONS)],
            "product": PRODUCTS[seed // 7 % len(PRODUCTS)],
            "amount": seed // 35 % 1000 + 1,
        })
    return records


def main(args):
    groups = {}
    for rec in make_records(args["n"], args["seed"]):
        amount = rec["amount"]
        group = groups.get(rec["region"])
        if group is None:
            group = {"count": 0, "sum": 0, "min": amount, "max": amount, "products": {}}
            groups[rec["region"]] = group
        group["count"] += 1
        group["sum"] += amount
        if amount < group["min"]:
            group["min"] = amount
        if amount > group["max"]:
            group["max"] = amount
        products = group["products"]
        products[rec["product"]] = products.get(rec["product"], 0) + 1
    return {"n": args["n"], "regions": len(groups), "groups": groups}

# json_transform: 200 employee records from the input are filtered (active, salary at
# least min_salary), reshaped (display name, normalised e-mail, year, sorted tags) and
# aggregated per department (count, total, max, integer mean), people ranked by salary.
def reshape(rec):
    first, last = rec["name"].split(" ", 1)
    return {
        "id": rec["id"],
        "display": f"{last}, {first}",
        "email": rec["email"].lower(),
        "dept": rec["dept"],
        "salary": rec["salary"],
        "year": int(rec["joined"][:4]),
        "tags": sorted(rec["tags"]),
        "has_manager": rec.get("manager") is not None,
    }


def main(args):
    min_salary = args.get("min_salary", 0)
    records = args["records"]
    people = [reshape(r) for r in records if r["active"] and r["salary"] >= min_salary]
    by_dept = {}
    for p in people:
        stats = by_dept.get(p["dept"])
        if stats is None:
            stats = {"count": 0, "total": 0, "max": 0, "tags": 0}
            by_dept[p["dept"]] = stats
        stats["count"] += 1
        stats["total"] += p["salary"]
        stats["max"] = max(stats["max"], p["salary"])
        stats["tags"] += len(p["tags"])
    for stats in by_dept.values():
        stats["mean"] = stats["total"] // stats["count"]
    people.sort(key=lambda p: (-p["salary"], p["id"]))
    return {
        "kept": len(people),
        "skipped": len(records) - len(people),
        "by_dept": by_dept,
        "top": people[:10],
        "ids": [p["id"] for p in people],
    }

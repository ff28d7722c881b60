# Float formatting edge cases: repr, f-string specs, rounding half to even.
def main(args):
    x = args["x"]
    return {
        "repr": repr(x),
        "str": str(x),
        "fixed2": f"{x:.2f}",
        "right": f"{x:>12}",
        "sci": f"{x:.3e}",
        "general": f"{x:g}",
        "percent": f"{x:.1%}",
        "comma": f"{x:,.2f}",
        "round0": round(x),
        "round2": round(x, 2),
        "int": int(x),
        "sum": 0.1 + 0.2,
        "third": 1 / 3,
    }

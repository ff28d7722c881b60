# Word counting with dicts: normalisation, counting, ranking by count then word.
def normalise(word):
    return word.strip(".,;:!?\"'()").lower()


def main(args):
    text = args["text"]
    counts = {}
    for raw in text.split():
        w = normalise(raw)
        if w == "":
            continue
        counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = [w for w, c in ranked[: args.get("top", 3)]]
    longest = max(counts, key=len) if counts else None
    return {"distinct": len(counts), "top": top, "counts": counts, "longest": longest}

# word_count: count the words of a few KB of text from the input (split on whitespace,
# strip punctuation, lower-case), and return the ten most frequent, ties by word.
PUNCTUATION = ".,;:!?\"'()"


def main(args):
    counts = {}
    total = 0
    for raw in args["text"].split():
        word = raw.strip(PUNCTUATION).lower()
        if word:
            counts[word] = counts.get(word, 0) + 1
            total += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = [[word, count] for word, count in ranked[: args.get("top", 10)]]
    return {"words": total, "distinct": len(counts), "top": top}

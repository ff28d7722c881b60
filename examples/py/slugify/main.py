# String slugging: lowercase, keep letters and digits, join words with dashes.
def slugify(title, max_len=30):
    out = []
    word = ""
    for ch in title.lower():
        if ch.isalpha() or ch.isdigit():
            word += ch
        elif word:
            out.append(word)
            word = ""
    if word:
        out.append(word)
    slug = "-".join(out)
    if len(slug) > max_len:
        slug = slug[:max_len].rstrip("-")
    return slug


def main(args):
    title = args["title"]
    slug = slugify(title)
    return {"slug": slug, "short": slugify(title, max_len=10), "reversed": slug[::-1],
            "every_other": slug[::2], "words": slug.count("-") + 1 if slug else 0}

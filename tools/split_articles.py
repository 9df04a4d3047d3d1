#!/usr/bin/env python3
"""Splits a claims document into one document per article, in publication order (undated last),
for posting to `credence serve` one at a time: the first keeps the outlets and predicates, the
others hold only their article (the store already has the declarations).

Usage: tools/split_articles.py DOCUMENT OUT_PREFIX   (writes OUT_PREFIX-1.json, -2.json, ...)
"""
import json
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        document = json.load(handle)
    articles = sorted(document["articles"], key=lambda a: a.get("published") or "9999")
    for number, article in enumerate(articles, start=1):
        part = dict(document) if number == 1 else {}
        part["articles"] = [article]
        name = f"{sys.argv[2]}-{number}.json"
        with open(name, "w", encoding="utf-8") as handle:
            json.dump(part, handle, ensure_ascii=False, indent=1)
        print(f"{name}: {article['id']} ({article.get('published') or 'undated'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

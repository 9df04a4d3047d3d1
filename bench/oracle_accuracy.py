#!/usr/bin/env python3
"""The best accuracy any aggregation can expect on a `credence synth` crowd draw.

Given the draw's answer key (PREFIX.truth.json: every source's reliability a_s and every item's
number of values K), the Bayes-optimal label of an item is the argmax over its values v of

    sum over its answers (s, x) of  log a_s                    if x == v
                                    log((1 - a_s) / (K - 1))   otherwise

(the one-coin model synth draws from, with a uniform prior over the K values; ties go to the
smallest value text, as in `credence eval`). Its accuracy against the truth is the ceiling that
Dawid-Skene and every other method estimate their way towards: they must learn a_s from the
answers, the oracle is told. docs/performance.md compares the fitted accuracies with it.

Options show what a model loses by what it does not know:
  --domain item       K = the item's true number of values (default: the oracle)
  --domain answered   K = the number of distinct values its answers name
  --domain answered+1 K = that plus one "none of these" state
  --domain all        K = every value of the file (a crowd CSV's shared label set)
  --scores FILE       use the reliabilities of a `credence score` output instead of the true ones
Candidates are the item's values (item) or its answered values (the others).

Usage: bench/oracle_accuracy.py PREFIX [--domain D] [--scores FILE]
"""
import argparse
import csv
import json
import math
import sys
from collections import defaultdict


def main() -> int:
    parser = argparse.ArgumentParser(usage=__doc__.strip().splitlines()[-1][len("Usage: "):])
    parser.add_argument("prefix")
    parser.add_argument("--domain", default="item",
                        choices=["item", "answered", "answered+1", "all"])
    parser.add_argument("--scores")
    args = parser.parse_args()
    with open(args.prefix + ".truth.json", encoding="utf-8") as handle:
        key = json.load(handle)
    if key["options"].get("mutable_fraction", 0) != 0:
        print("the draw has mutable items; the oracle is for static crowd data", file=sys.stderr)
        return 1
    reliability = {source["id"]: source["reliability"] for source in key["sources"]}
    if args.scores:
        with open(args.scores, encoding="utf-8") as handle:
            fitted = {outlet["id"]: outlet["reliability"] for outlet in json.load(handle)["outlets"]}
        missing = set(reliability) - set(fitted)
        if missing:
            print(f"{args.scores}: no reliability for {sorted(missing)[0]}", file=sys.stderr)
            return 1
        reliability = fitted
    items = {item["id"]: item for item in key["items"]}
    answers = defaultdict(list)
    with open(args.prefix + ".answers.csv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)  # question,worker,answer
        for question, worker, answer in reader:
            answers[question].append((worker, answer))
    all_values = {answer for item_answers in answers.values() for _, answer in item_answers}

    correct = 0
    for item_id, item in items.items():
        answered = sorted({answer for _, answer in answers[item_id]})
        if args.domain == "item":
            candidates = sorted(f"v{k}" for k in range(item["num_values"]))
            num_values = item["num_values"]
        else:
            candidates = answered
            num_values = {"answered": len(answered), "answered+1": len(answered) + 1,
                          "all": len(all_values)}[args.domain]
        alternatives = max(num_values - 1, 1)
        score = {value: 0.0 for value in candidates}
        for worker, answer in answers[item_id]:
            a = reliability[worker]
            wrong = math.log((1.0 - a) / alternatives)
            for value in candidates:
                score[value] += math.log(a) if answer == value else wrong
        best = max(candidates, key=lambda value: (score[value], [-ord(c) for c in value]))
        correct += best == item["final"]
    print(json.dumps({"items": len(items), "domain": args.domain,
                      "reliabilities": args.scores or "true", "accuracy": correct / len(items)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

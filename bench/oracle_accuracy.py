#!/usr/bin/env python3
"""The best accuracy any aggregation can expect on a `credence synth` crowd draw.

Given the draw's answer key (PREFIX.truth.json: every source's reliability a_s and every item's
number of values K), the Bayes-optimal label of an item is the argmax over its values v of

    sum over its answers (s, x) of  log a_s            if x == v
                                    log((1 - a_s) / (K - 1))   otherwise

(the one-coin model synth draws from, with a uniform prior over the K values; ties go to the
smallest value text, as in `credence eval`). Its accuracy against the truth is the ceiling that
Dawid-Skene and every other method estimate their way towards: they must learn a_s from the
answers, the oracle is told. docs/performance.md compares the fitted accuracies with it.

Usage: bench/oracle_accuracy.py PREFIX   (reads PREFIX.answers.csv and PREFIX.truth.json)
"""
import csv
import json
import math
import sys
from collections import defaultdict


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    prefix = sys.argv[1]
    with open(prefix + ".truth.json", encoding="utf-8") as handle:
        key = json.load(handle)
    if key["options"].get("mutable_fraction", 0) != 0:
        print("the draw has mutable items; the oracle is for static crowd data", file=sys.stderr)
        return 1
    reliability = {source["id"]: source["reliability"] for source in key["sources"]}
    items = {item["id"]: item for item in key["items"]}
    answers = defaultdict(list)
    with open(prefix + ".answers.csv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)  # question,worker,answer
        for question, worker, answer in reader:
            answers[question].append((worker, answer))

    correct = 0
    for item_id, item in items.items():
        num_values = item["num_values"]
        values = sorted(f"v{k}" for k in range(num_values))
        score = {value: 0.0 for value in values}
        for worker, answer in answers[item_id]:
            a = reliability[worker]
            wrong = math.log((1.0 - a) / (num_values - 1))
            for value in values:
                score[value] += math.log(a) if answer == value else wrong
        best = max(values, key=lambda value: (score[value], [-ord(c) for c in value]))
        correct += best == item["final"]
    print(json.dumps({"items": len(items), "oracle_accuracy": correct / len(items)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A plain, independent Dawid-Skene in pure Python, to cross-check credence's accuracy figures.

A. P. Dawid and A. M. Skene, "Maximum Likelihood Estimation of Observer Error-Rates Using the
EM Algorithm", Applied Statistics 28(1):20-28, 1979, in its textbook form (the one crowd
libraries ship): one global label set; start from the soft majority vote T_ik = share of item
i's answers that say k; then repeat

    M-step: prior_k = mean_i T_ik,
            pi_s[k][l] = sum over s's answers (i, l) of T_ik / sum over s's answers of T_ik
    E-step: T_ik ∝ prior_k * prod over i's answers (s, l) of pi_s[k][l]

until the log-likelihood gains less than 1e-7 per item (or 100 iterations; `--iterations N`
runs exactly N). No smoothing unless `--smoothing EPS` adds EPS pseudo-counts to every
confusion count and class total (as credence's dawid-skene does with 0.01); no per-item label
sets. Labels are the argmax of T_i over all labels (`--answered-only`: over the labels the
item's answers name, as `credence eval` reads them), ties to the smallest label text. It shares
no code with credence; it reads a crowd CSV (question,worker,answer) and a truth CSV
(question,truth) and prints the accuracy on the gold items.

Usage: bench/reference_dawid_skene.py ANSWERS.csv TRUTH.csv [--smoothing EPS] [--iterations N]
       [--answered-only]
"""
import argparse
import csv
import json
import math
import sys
from collections import defaultdict


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return [row for row in reader]


def main() -> int:
    parser = argparse.ArgumentParser(
        usage="bench/reference_dawid_skene.py ANSWERS.csv TRUTH.csv [--smoothing EPS] "
              "[--iterations N] [--answered-only]")
    parser.add_argument("answers")
    parser.add_argument("truth")
    parser.add_argument("--smoothing", type=float, default=0.0)
    parser.add_argument("--iterations", type=int, default=0)
    parser.add_argument("--answered-only", action="store_true")
    args = parser.parse_args()
    eps = args.smoothing
    rows = read_rows(args.answers)
    truth = {row[0]: row[1] for row in read_rows(args.truth)}
    labels = sorted({answer for _, _, answer in rows})
    label_index = {label: k for k, label in enumerate(labels)}
    workers = sorted({worker for _, worker, _ in rows})
    worker_index = {worker: s for s, worker in enumerate(workers)}
    answers_of = defaultdict(list)
    for item, worker, answer in rows:
        answers_of[item].append((worker_index[worker], label_index[answer]))
    items = sorted(answers_of)
    num_labels = len(labels)
    answers = [answers_of[item] for item in items]

    posterior = []
    for item_answers in answers:
        row = [0.0] * num_labels
        for _, label in item_answers:
            row[label] += 1.0 / len(item_answers)
        posterior.append(row)

    previous = -math.inf
    iterations = 0
    for iterations in range(1, (args.iterations or 100) + 1):
        totals = [eps + sum(row[k] for row in posterior) for k in range(num_labels)]
        prior = [total / sum(totals) for total in totals]
        counts = [[[eps] * num_labels for _ in range(num_labels)] for _ in workers]
        for item_answers, row in zip(answers, posterior):
            for worker, label in item_answers:
                confusion = counts[worker]
                for k in range(num_labels):
                    confusion[k][label] += row[k]
        log_confusion = []
        for confusion in counts:
            table = []
            for k in range(num_labels):
                total = sum(confusion[k])
                table.append([math.log(x / total) if x > 0 else -math.inf for x in confusion[k]]
                             if total > 0 else [math.log(1.0 / num_labels)] * num_labels)
            log_confusion.append(table)
        log_prior = [math.log(p) if p > 0 else -math.inf for p in prior]
        log_likelihood = 0.0
        for index, item_answers in enumerate(answers):
            scores = list(log_prior)
            for worker, label in item_answers:
                table = log_confusion[worker]
                for k in range(num_labels):
                    scores[k] += table[k][label]
            top = max(scores)
            weights = [math.exp(x - top) if x > -math.inf else 0.0 for x in scores]
            total = sum(weights)
            posterior[index] = [w / total for w in weights]
            log_likelihood += top + math.log(total)
        if not args.iterations and log_likelihood - previous < 1e-7 * len(items):
            break
        previous = log_likelihood

    correct = gold = 0
    for item, row in zip(items, posterior):
        if item not in truth:
            continue
        gold += 1
        candidates = (sorted({label for _, label in answers_of[item]}) if args.answered_only
                      else range(num_labels))
        best = max(candidates, key=lambda k: (row[k], -k))
        correct += labels[best] == truth[item]
    print(json.dumps({"algorithm": "reference Dawid-Skene (pure Python)", "smoothing": eps,
                      "candidates": "answered" if args.answered_only else "all",
                      "gold_items": gold, "correct": correct, "accuracy": correct / gold,
                      "iterations": iterations}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

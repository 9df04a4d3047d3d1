#!/usr/bin/env python3
"""The Python module's speed: an algorithm class's fit_predict_proba(df) from pandas to pandas,
split into its parts, beside crowd-kit's on the same DataFrame (when crowd-kit is importable;
it is not a dependency, and Debian does not package it) and the command line on the same
answers as a CSV file.

Data: the crowd setting of docs/performance.md, drawn by credence.synth: 100 sources of
reliability uniform in [0.3, 0.95], 2 to 5 values per item, 10 answers per item, seed 1. Two
DataFrames of the same answers: categorical columns (what credence.synth gives) and plain
object columns of strings (what pandas.read_csv gives).

For each DataFrame, the fastest of --repeat runs, split into its parts:
  total   fit_predict_proba(df), wall time: the whole Python call;
  store   the DataFrame into the store: factorising the columns, building it in C++;
  solve   the C++ solve alone (the solver's own solve_seconds);
  rest    total - store - solve: options, results to pandas;
  overhead over the solve = (total - solve) / solve; of the Python layer alone (the C++ store
  build counted with the solve, as the command line must build one too) = rest / solve.

Usage (from the repository root, after building the module):
  PYTHONPATH=build/python bench/python_bench.py [--claims 1e6] [--repeat 3] [--threads 1]
      [--algorithm DawidSkene] [--cli build/credence] [--json OUT.json]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

import credence


def best_of(repeat, run):
    results = [run() for _ in range(repeat)]
    # The run with the best total, so that its parts add up.
    return min(results, key=lambda r: r["total"]), results[-1]


def accuracy(labels, truth):
    gold = truth.reindex(labels.index.astype(str))
    return float((labels.astype(str).to_numpy() == gold.to_numpy()).mean())


def time_credence(cls, frame, threads, repeat):
    def run():
        model = cls(num_threads=threads)
        start = time.perf_counter()
        model.fit_predict_proba(frame)
        total = time.perf_counter() - start
        solve = model.summary_["solve_seconds"]
        store = model.load_seconds_
        run.model = model
        return {"total": total, "store": store, "solve": solve,
                "rest": max(0.0, total - store - solve)}
    best, _ = best_of(repeat, run)
    return best, run.model


def time_crowdkit(name, frame, repeat):
    try:
        import crowdkit.aggregation as aggregation  # noqa: PLC0415 (optional)
    except ImportError:
        return None, None
    cls = getattr(aggregation, name, None)
    if cls is None:
        return None, None
    def run():
        model = cls()
        start = time.perf_counter()
        probas = model.fit_predict_proba(frame)
        run.labels = probas.idxmax(axis=1)
        return {"total": time.perf_counter() - start}
    best, _ = best_of(repeat, run)
    return best, run.labels


def pandas_dawid_skene(frame, n_iter=100, tol=1e-5):
    """A stand-in for crowd-kit where it is not installed: Dawid-Skene written the way crowd-kit
    writes it, in pandas (a join of the answers with the posteriors and a group-by per M-step,
    a join with the log confusion matrices and a group-by per E-step, soft majority vote
    start, 1e-10 floor on the matrices), but cheaper to stop: on the largest change of a
    posterior instead of crowd-kit's evidence lower bound, which costs a further join and
    group-by per iteration. So it is, if anything, faster than crowd-kit. Shares no code with
    credence or crowd-kit. Returns (probabilities, iterations)."""
    import pandas as pd  # noqa: PLC0415

    data = frame[["task", "worker", "label"]].astype(str)
    votes = data.groupby(["task", "label"]).size().unstack("label", fill_value=0)
    probas = votes.div(votes.sum(axis=1), axis=0)

    def m_step(probas):
        counts = data.join(probas, on="task").drop(columns="task")
        counts = counts.groupby(["worker", "label"], sort=False).sum().clip(lower=1e-10)
        return counts / counts.groupby("worker", sort=False).transform("sum")

    def e_step(priors, errors):
        logs = data.join(np.log(errors), on=["worker", "label"]).drop(columns=["worker", "label"])
        weights = np.log(priors) + logs.groupby("task", sort=False).sum()
        weights = np.exp(weights.sub(weights.max(axis=1), axis=0))
        return weights.div(weights.sum(axis=1), axis=0)

    priors, errors = probas.mean(), m_step(probas)
    iterations = 0
    for iterations in range(1, n_iter + 1):
        new = e_step(priors, errors).reindex(probas.index)
        change = float((new - probas).abs().to_numpy().max())
        probas, priors, errors = new, new.mean(), m_step(new)
        if change < tol:
            break
    return probas, iterations


def time_pandas_proxy(frame, repeat):
    def run():
        start = time.perf_counter()
        probas, iterations = pandas_dawid_skene(frame)
        run.labels = probas.idxmax(axis=1)
        return {"total": time.perf_counter() - start, "iterations": iterations}
    best, _ = best_of(repeat, run)
    return best, run.labels


def time_cli(binary, synth, algorithm, threads, repeat):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "answers.csv")
        with open(path, "w", encoding="utf-8") as out:
            out.write(synth.answers_csv())
        command = [binary, "score", path, "--format", "crowd-csv", "--algorithm", algorithm,
                   "--explain-max-groups", "0", "--threads", str(threads), "-o",
                   os.path.join(folder, "scores.json")]
        def run():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            return {"total": time.perf_counter() - start}
        best, _ = best_of(repeat, run)
        return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=float, default=1e6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--algorithm", default="DawidSkene",
                        help="a class of credence (and of crowd-kit, for the comparison)")
    parser.add_argument("--cli", default="build/credence", help="the credence executable")
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--proxy-repeat", type=int, default=1,
                        help="runs of the pandas stand-in for crowd-kit (0: none), used only "
                             "where crowd-kit is not importable and --algorithm is DawidSkene")
    args = parser.parse_args()

    cls = getattr(credence, args.algorithm)
    synth = credence.synth(seed=1, sources=100, claims=int(args.claims))
    categorical = synth.answers
    strings = categorical.astype(str)
    truth = synth.truth
    rows = []
    for name, frame in (("categorical", categorical), ("object (strings)", strings)):
        figures, model = time_credence(cls, frame, args.threads, args.repeat)
        rows.append({"what": f"credence.{args.algorithm}, {name} columns", **figures,
                     "iterations": model.n_iter_, "accuracy": accuracy(model.labels_, truth)})
    kit, kit_labels = time_crowdkit(args.algorithm, strings, args.repeat)
    if kit is not None:
        rows.append({"what": f"crowdkit.aggregation.{args.algorithm}, object columns", **kit,
                     "accuracy": accuracy(kit_labels, truth)})
    if kit is None and args.algorithm == "DawidSkene" and args.proxy_repeat > 0:
        proxy, proxy_labels = time_pandas_proxy(strings, args.proxy_repeat)
        rows.append({"what": "Dawid-Skene in pandas, crowd-kit's way (stand-in), object columns",
                     "total": proxy["total"], "proxy_iterations": int(proxy["iterations"]),
                     "accuracy": accuracy(proxy_labels, truth)})
    if os.access(args.cli, os.X_OK):
        rows.append({"what": f"credence score --algorithm {cls._algorithm} (CSV in, JSON out)",
                     **time_cli(args.cli, synth, cls._algorithm, args.threads, args.repeat)})

    print(f"{len(categorical)} answers, {len(truth)} items, {args.threads} thread(s), "
          f"best of {args.repeat}; crowd-kit {'measured' if kit else 'not importable'}")
    print("| run | total s | store s | solve s | rest s | overhead over solve | Python layer "
          "alone | iterations | accuracy |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        solve = row.get("solve")
        cells = [row["what"], f"{row['total']:.3f}"]
        if solve:
            cells += [f"{row['store']:.3f}", f"{solve:.3f}", f"{row['rest']:.3f}",
                      f"{(row['total'] - solve) / solve:.1%}", f"{row['rest'] / solve:.1%}",
                      str(row["iterations"])]
        else:
            cells += [""] * 5 + [str(row.get("proxy_iterations", ""))]
        cells.append(f"{row['accuracy']:.4f}" if "accuracy" in row else "")
        print("| " + " | ".join(cells) + " |")
    reference = kit or next((r for r in rows if "proxy_iterations" in r), None)
    if reference is not None:
        print(f"speed-up over {'crowd-kit' if kit else 'the pandas stand-in'} "
              f"(categorical / object): {reference['total'] / rows[0]['total']:.1f}x / "
              f"{reference['total'] / rows[1]['total']:.1f}x")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"claims": len(categorical), "threads": args.threads, "rows": rows}, out,
                      indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Regenerates docs/accuracy.md: `credence eval --algorithm all` on every public data set in
# ../shared/datasets (relative to the repository root), beside the published figures.
# Then appends the synthetic temporal comparison of bench/synth_temporal.py (claim status of every
# algorithm and change-time recovery of temporal-em on `credence synth` data) and the news-regime
# benchmark of bench/news_regime.py (`credence synth --regime news`, against an oracle).
#
# Usage: bench/accuracy.sh [CREDENCE]    (CREDENCE defaults to build/credence)
# Exits 0 with a message, writing nothing, when ../shared/datasets is absent.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
credence=${1:-build/credence}
case $credence in
  /*) ;;
  *) credence=$(pwd)/$credence ;;
esac
data=$root/../shared/datasets
if [[ ! -d $data ]]; then
  echo "accuracy.sh: ../shared/datasets not found next to the repository; skipping" >&2
  exit 0
fi
if [[ ! -x $credence ]]; then
  echo "accuracy.sh: no credence executable at $credence (build it, or pass its path)" >&2
  exit 1
fi
command -v python3 > /dev/null || { echo "accuracy.sh: needs python3" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name, input, truth, format. A data set that fails is reported in the document, not fatal.
run() {
  local name=$1 input=$2 truth=$3 format=$4
  echo "accuracy.sh: $name" >&2
  if ! (cd "$data" && "$credence" eval "$input" --truth "$truth" --format "$format" \
          --algorithm all > "$work/$name.json" 2> "$work/$name.err"); then
    echo "accuracy.sh: $name failed: $(tail -n 3 "$work/$name.err")" >&2
    rm -f "$work/$name.json"
  fi
}
run bluebirds bluebirds/answer.csv bluebirds/truth.csv crowd-csv
run d_product d_product/answer.csv d_product/truth.csv crowd-csv
run d_sentiment d_sentiment/answer.csv d_sentiment/truth.csv crowd-csv
run dog dog/answer.csv dog/truth.csv crowd-csv
run rte rte/rte_crowd.txt rte/rte_truth.txt crowd-tsv
run book book/book.txt book/book_golden.txt book
run population population/population_claims.csv population/population_truth.csv population

version=$("$credence" --version 2> /dev/null || echo unknown)
python3 - "$work" "$root/docs/accuracy.md" "$version" << 'PYTHON'
import json
import os
import sys

work, out_path, version = sys.argv[1:4]

DATASETS = [
    ("bluebirds", "bluebirds (D_Duck)"),
    ("d_product", "d_product"),
    ("d_sentiment", "d_sentiment (D_PosSent)"),
    ("dog", "dog"),
    ("rte", "rte"),
    ("book", "book (golden)"),
    ("population", "population"),
]

results = {}
errors = {}
for name, _ in DATASETS:
    path = os.path.join(work, name + ".json")
    if os.path.exists(path):
        with open(path) as f:
            results[name] = {r["algorithm"]: r for r in json.load(f)["results"]}
    else:
        with open(os.path.join(work, name + ".err")) as f:
            lines = [l.strip() for l in f if l.strip()]
        # Keep only the message, never a path of the machine that ran it.
        errors[name] = (lines[-1] if lines else "failed").replace(
            os.path.dirname(work), "...")

algorithms = []
for name, _ in DATASETS:
    for algorithm in results.get(name, {}):
        if algorithm not in algorithms:
            algorithms.append(algorithm)

# Published accuracy figures: (data set, algorithm) -> [(figure, source, explanation if we
# differ by more than a point)].
SOURCES = {
    "[1]": "`../shared/datasets/README.md`: majority vote computed from the files, ties to the "
           "smallest label.",
    "[2]": "D. Ustalov, N. Pavlichenko, B. Tseitlin, \"Learning from Crowds with Crowd-Kit\", "
           "JOSS 2024 (arXiv:2109.08584), table \"Comparison of the implemented categorical "
           "aggregation methods\" (three decimals).",
    "[3]": "crowd-kit figures at four decimals, measured on the same file and quoted in the "
           "project's issue on algorithm comparison; not re-measured here.",
    "[4]": "Y. Zheng, G. Li, Y. Li, C. Shan, R. Cheng, \"Truth Inference in Crowdsourcing: Is the "
           "Problem Solved?\", PVLDB 10(5):541-552, 2017; its published D&S figure as quoted in the "
           "project's issue on algorithm comparison (the paper's tables were not re-checked).",
}
MACE_WHY = (
    "Not the restarts, nor the iteration cap: with --max-iterations 2000 our EM converged at "
    "0.8398, and a trial with MACE's 10 seeded random restarts (keeping the highest objective) "
    "picked a random restart with a higher objective than the vote start yet the same accuracy, "
    "0.8386; a trial with crowd-kit's smoothing 0.1 gave 0.8406. So the MAP-EM optimum itself "
    "sits near 0.84. crowd-kit's MACE defaults to method='vb': variational Bayes with Beta(0.5, "
    "0.5) priors on theta and Dirichlet priors on the strategies (its documentation, v1.2.1), "
    "which we do not implement. The remaining likely cause is EM versus VB; not verified.")
ONE_COIN_WHY = (
    "We are higher. crowd-kit's OneCoinDawidSkene (v1.2.1 documentation) is maximum likelihood: "
    "a worker's skill is its accuracy against the current label probabilities, starting from "
    "majority-vote posteriors, with class priors estimated as in its Dawid-Skene, n_iter=100, "
    "tol=1e-5. Ours is MAP with 4 and 1 pseudo-counts (a Beta(5, 2) prior) on each reliability, "
    "starting like crowd-kit from majority-vote posteriors, with uniform class priors. Most d_product "
    "workers answer few items; maximum likelihood "
    "drives their skills to 0 or 1 and lets them dominate, the prior shrinks them toward the "
    "crowd. That is the likely cause; an ablation was not run.")
PUBLISHED = [
    ("bluebirds", "majority-vote", "0.7593", "[1]", ""),
    ("d_product", "majority-vote", "0.8966", "[1]", ""),
    ("d_product", "majority-vote", "0.8966", "[3]", ""),
    ("d_product", "majority-vote", "0.897", "[2]", ""),
    ("d_product", "dawid-skene", "0.9397", "[3]", ""),
    ("d_product", "dawid-skene", "0.940", "[2]", ""),
    ("d_product", "dawid-skene", "0.9366", "[4]", ""),
    ("d_product", "glad", "0.9286", "[3]", ""),
    ("d_product", "glad", "0.928", "[2]", ""),
    ("d_product", "mace", "0.9290", "[3]", MACE_WHY),
    ("d_product", "mace", "0.929", "[2]", "As above."),
    ("d_product", "one-coin", "0.9084", "[3]", ONE_COIN_WHY),
    ("d_product", "wawa", "0.897", "[2]", ""),
    ("d_sentiment", "majority-vote", "0.9320", "[1]", ""),
    ("d_sentiment", "majority-vote", "0.932", "[2]", ""),
    ("d_sentiment", "dawid-skene", "0.960", "[2]", ""),
    ("d_sentiment", "glad", "0.948", "[2]", ""),
    ("d_sentiment", "mace", "0.950", "[2]", ""),
    ("d_sentiment", "wawa", "0.951", "[2]", ""),
    ("dog", "majority-vote", "0.8178", "[1]", ""),
    ("rte", "majority-vote", "0.9187", "[1]", ""),
]


def cell(name, algorithm, key, fmt):
    r = results.get(name, {}).get(algorithm)
    if r is None:
        return "—"
    return fmt(r[key]) if key else fmt(r)


def iterations(r):
    if r["termination"] == "convergence":
        return str(r["iterations"])
    if r["termination"] == "no_convergence":
        return "%d (cap)" % r["iterations"]
    return r["termination"]


lines = []
w = lines.append
w("# Accuracy on public data sets")
w("")
w("Every algorithm of credence on the public crowdsourcing and truth-discovery benchmarks, with "
  "default options, compared with the gold labels. Generated by `bench/accuracy.sh`; do not edit "
  "by hand. Regenerate from the repository root with")
w("")
w("```sh")
w("cmake --build build --target credence && bench/accuracy.sh build/credence")
w("```")
w("")
w("which runs, for each data set, `credence eval INPUT --truth TRUTH --format F --algorithm all` "
  "(the data sets live in `../shared/datasets`, outside the repository; see its README for their "
  "sources). Version: `%s`." % version)
w("")
w("Rules. An item's predicted value is the value with the highest probability among the values "
  "claimed for it; **ties go to the smallest value text in byte order** (the rule under which the "
  "data sets publish their majority-vote figures). Accuracy = correct / gold items that have at "
  "least one claim. Gold items without claims are left out and counted below. The figures are "
  "deterministic: the same binary and options give the same numbers.")
w("")
w("## Accuracy")
w("")
w("| algorithm | " + " | ".join(label for _, label in DATASETS) + " |")
w("|---|" + "---:|" * len(DATASETS))
for algorithm in algorithms:
    w("| %s | " % algorithm + " | ".join(
        cell(name, algorithm, "accuracy", lambda x: "%.4f" % x) for name, _ in DATASETS) + " |")
w("")
w("Gold items evaluated (with at least one claim) / left out for want of claims; items whose top "
  "probability is a tie under majority vote:")
w("")
w("| data set | gold items evaluated | gold items without claims | majority-vote ties |")
w("|---|---:|---:|---:|")
for name, label in DATASETS:
    if name in errors:
        w("| %s | failed: %s | | |" % (label, errors[name].replace("|", "\\|")))
        continue
    mv = results[name].get("majority-vote") or next(iter(results[name].values()))
    w("| %s | %d | %d | %d |" % (label, mv["gold_items"], mv["gold_without_claims"], mv["ties"]))
w("")
w("## Iterations and termination")
w("")
w("\"(cap)\" marks a run stopped by `--max-iterations` (default 200) before meeting the "
  "tolerance: its figure is not a converged one.")
w("")
w("| algorithm | " + " | ".join(label for _, label in DATASETS) + " |")
w("|---|" + "---:|" * len(DATASETS))
for algorithm in algorithms:
    w("| %s | " % algorithm + " | ".join(
        cell(name, algorithm, None, iterations) for name, _ in DATASETS) + " |")
w("")
w("## Published figures")
w("")
w("Accuracy reported elsewhere for the same data, beside ours. A difference of more than one "
  "point is explained where the cause is known, and said to be unexplained otherwise.")
w("")
w("| data set | algorithm | published | source | ours | difference | why |")
w("|---|---|---:|---|---:|---:|---|")
mv_matches = True
for name, algorithm, text, source, why in PUBLISHED:
    label = dict(DATASETS)[name]
    ours = results.get(name, {}).get(algorithm)
    if ours is None:
        w("| %s | %s | %s | %s | — | | not run |" % (label, algorithm, text, source))
        continue
    figure = float(text)
    decimals = len(text.split(".")[1])
    rounded = round(ours["accuracy"], decimals)
    diff = ours["accuracy"] - figure
    if rounded == figure:
        why = why or "same at the published precision"
    elif abs(diff) <= 0.01:
        why = why or "within a point"
    elif not why:
        why = "not yet explained"
    if source == "[1]" and rounded != figure:
        mv_matches = False
    shown = "0" if abs(diff) < 5e-5 else "%+.4f" % diff
    w("| %s | %s | %s | %s | %.4f | %s | %s |" %
      (label, algorithm, text, source, ours["accuracy"], shown, why))
w("")
for key, source in SOURCES.items():
    w("%s %s  " % (key, source))
w("")
w("Notes.")
w("")
if mv_matches:
    w("- Majority vote matches the data sets' own reference figures [1] wherever they are given "
      "(same tie rule).")
w("- Tie rules matter: with ties broken uniformly at random the expected majority-vote accuracy "
  "is 0.8969 on rte (0.9187 with ties to the smallest label), 0.8222 on dog (0.8178) and 0.9335 "
  "on d_sentiment (0.9320) [1]. Compare tie rules before comparing figures.")
ds = results.get("d_product", {}).get("dawid-skene")
if ds and ds["termination"] == "no_convergence":
    w("- Dawid-Skene on d_product stops at the iteration cap of 200; with `--max-iterations 1000` "
      "it converges in 338 iterations (largest parameter change, or absolute change of the log "
      "posterior, below 1e-6) to the same 7811/8315 = 0.9394, so the cap is not what separates "
      "it from crowd-kit's 0.9397 (3 items). The 3 items are the scoring rule: `credence eval` "
      "reads an item's answer from the probabilities of the labels its answers name, while "
      "Dawid-Skene's posterior can rank a label no worker gave that item first (for those "
      "workers, the confusion matrices and class priors make the other label more probable given "
      "their unanimous answer), and crowd-kit takes the argmax over all labels. `bench/reference_dawid_skene.py`, a textbook "
      "Dawid-Skene sharing no code with credence, shows it on this file: with credence's 0.01 "
      "smoothing and 200 iterations it labels 7811 items right over the answered labels (as "
      "`credence eval` does) and 7816 (0.9400) over all labels; with no smoothing, run to its own "
      "convergence, 7809 and 7814 (0.9397, crowd-kit's figure). The fit itself reaches the "
      "target; the eval rule, one rule for all algorithms (truth-discovery methods score only "
      "claimed values), is kept.")
w("- The flagship temporal-em equals one-coin on every static set here: with no mutable "
  "predicates and no time it reduces to one symmetric reliability per outlet (one-coin with "
  "class priors held uniform). It therefore trails the best classic method by more than a point "
  "where errors look class-dependent: on bluebirds Dawid-Skene's full confusion matrices are "
  "about 18 points higher (0.8981 against 0.7222 when this note was written) and on d_product "
  "about a point (0.9394 against 0.9275). The proposed fix, not implemented yet: for static "
  "predicates with a closed domain, give each outlet a per-predicate confusion matrix with a "
  "Dirichlet prior centred on its one-coin matrix (so outlets with few claims fall back to "
  "one-coin) and estimate class priors per predicate; mutable predicates keep the temporal model.")
w("- For bluebirds, dog and rte only the majority-vote reference [1] is given: figures for the "
  "other algorithms on them, and any for book and population, were not found in the sources "
  "reachable while writing this script (the Book-Author figures of Yin et al., KDD 2007, and "
  "Dong et al., PVLDB 2009, were not re-checked and are therefore not quoted). Truth-discovery "
  "papers score book and population with their own matching of author lists and numeric "
  "tolerance, so their figures would not be directly comparable: population accuracy here is "
  "exact match of the value text, and book accuracy exact match of the normalised author list.")
w("- Book author lists (`--format book`) are normalised to the **set of author surnames**: HTML "
  "entities decoded, parenthesised role tags such as \"(Author)\" dropped, lists split on `;`, "
  "`/`, `&` and \"and\", a piece with commas read as \"Last, First[, Last, First]\" unless every "
  "comma-separated part has two or more words (then \"First Last, First Last\"), a piece "
  "without commas read as \"First Last\", lower-cased, punctuation removed. This is variant 6 "
  "(\"compare sets of surnames\") of the normalisation described with the data set in "
  "`../shared/datasets/README.md`; on surnames the silver standard agrees with gold on 99 of "
  "the 100 gold books. Rows naming nobody (empty or \"Not Available\") are skipped and a store "
  "repeating the same normalised list for a book counts once, which leaves 877 stores, as in "
  "the DAFNA-EA copy of the data. First names and middle initials are ignored, so a list that "
  "gets the surnames right but a first name wrong counts as correct.")
w("")
w("## All metrics")
w("")
w("Accuracy, macro-F1 over the gold classes, log-loss (mean −log p(gold), p clamped at 1e-15), "
  "Brier score and expected calibration error (10 equal-width bins of the top probability), from "
  "each item's probabilities normalised over its claimed values. Fit times vary between runs and "
  "machines and are left out.")
for name, label in DATASETS:
    w("")
    w("### " + label)
    w("")
    if name in errors:
        w("Failed: `%s`" % errors[name])
        continue
    w("| algorithm | accuracy | correct | ties | macro-F1 | log-loss | Brier | ECE |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for algorithm, r in results[name].items():
        w("| %s | %.4f | %d/%d | %d | %.4f | %.4f | %.4f | %.4f |" % (
            algorithm, r["accuracy"], r["correct"], r["gold_items"], r["ties"], r["macro_f1"],
            r["log_loss"], r["brier"], r["expected_calibration_error"]))

with open(out_path, "w") as f:
    f.write("\n".join(lines) + "\n")
print("accuracy.sh: wrote docs/accuracy.md", file=sys.stderr)
PYTHON

# The synthetic temporal comparison (claim status and change times), appended as its own section.
echo "accuracy.sh: synthetic temporal data" >&2
{
  echo
  python3 "$root/bench/synth_temporal.py" "$credence" "$work"
} >> "$root/docs/accuracy.md"

# The news-regime benchmark (issue 12): temporal-em, one-coin and Dawid-Skene beside the oracle.
# Its Python needs numpy (python3-numpy; tools/install-deps.sh bench).
echo "accuracy.sh: news regime" >&2
mkdir -p "$work/news"
{
  echo
  python3 "$root/bench/news_regime.py" "$credence" "$work/news"
} >> "$root/docs/accuracy.md"

#!/usr/bin/env python3
"""The news-regime benchmark for docs/accuracy.md ("News regime"; called by bench/accuracy.sh).

Generates seeded data sets with `credence synth --regime news` (docs/synth.md), scores each with
`credence score --algorithm A` for temporal-em, one-coin and dawid-skene, computes an oracle that
knows the true source reliabilities and change rate, and prints Markdown tables per cell
(evidence groups a side x gap between the sides x whether the new side dates the change).

Measures, per cell (all pooled over the seeds):
- change detection: a detected change is a supersession event on the proposition, with
  probability >= 0.5 when the output gives `probability`, else any event. It matches a true
  change when its `at` lies in the proposition's window [last old-side report, first new-side
  report] (both days included); each true change matches at most one event. Precision = matched
  events / detected events, recall = matched changes / true changes.
- blamed: the share of claims true when made whose status is `contradicted`.
- false kept: the share of claims false when made whose status is not `contradicted`.
- date error: the median of |at - true change day| in days over matched events.
- 90% cover: the share of matched events whose `interval` [low, high] holds the true change
  day, where the output gives intervals.
- ECE: expected calibration error of claim probabilities against "true when made" (10 equal
  bins of the probability; sum over bins of bin share x |mean probability - share true|).
- P(change): the mean over changing propositions of the largest event probability on the
  proposition (events below 0.5 included; 0 without an event), where the output gives
  probabilities.

The oracle is temporal-em's model (src/solvers/temporal_em.cc) at the true parameters: the
one-coin emission at the true source reliabilities, and the chain that leaves its state for a
different one, uniformly, with the daily hazard mu_d = (lambda + dated density on day d) K / (K - 1):
lambda the true rate of the changes no report dates (ordinary_change_rate), and each distinct
period a `since` or `until` names (a `since` period clipped at the claim's day) adding
temporal-em's dated_change_count expected changes spread evenly over its days. A gap's
transition is c I + (1 - c) U with c the product of its days' exp(-mu_d). A `since` adds "not v"
on the day before its period, an `until` "not v" on its period's last day (likelihood a when the
state is not v, 1 - a when it is). Relays (claims with `via`) are copies of their content
source's report and add no observation. Its event: P(at least one change) from the daily chain,
dated at the median of the posterior distribution of the first change day, with the 5% and 95%
quantiles as its interval; its claim status is `contradicted` when the claim's marginal is at
most temporal-em's contradict_threshold (0.1 by default).

Usage: news_regime.py CREDENCE WORKDIR [--seeds 1,2,3,4,5] [--propositions 900]
                      [--algorithms temporal-em,one-coin,dawid-skene] [--synth-arg=ARG ...]
"""
import argparse
import collections
import datetime
import json
import math
import os
import subprocess
import sys

try:
    import numpy as np
except ImportError:  # pragma: no cover - reported to the user
    sys.exit("news_regime.py: needs numpy (Debian: python3-numpy)")

DAYS_PER_YEAR = 365.2425
GAP_BUCKETS = ["<1 month", "1-6 months", "6-18 months"]
# Measures where larger is better; the others are better smaller.
HIGHER_IS_BETTER = {"precision", "recall"}
POINT_MEASURES = ["precision", "recall", "blamed", "false_kept", "ece"]
EPOCH = datetime.date(1970, 1, 1)


def day_number(text):
    """Days since 1970-01-01 of the first day of an ISO date of any granularity."""
    parts = [int(p) for p in text.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return (datetime.date(*parts) - EPOCH).days


def last_day_number(text):
    """Days since 1970-01-01 of the last day of an ISO date of any granularity."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return (datetime.date(parts[0], 12, 31) - EPOCH).days
    if len(parts) == 2:
        following = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return (following - EPOCH).days - 1
    return day_number(text)


def iso(day):
    return (EPOCH + datetime.timedelta(days=int(day))).isoformat()


# ---------------------------------------------------------------------------------------------
# The oracle


class Observation:
    """One report about a proposition's state on `day`: "is value" or "is not value"."""

    def __init__(self, day, value, reliability, negated):
        self.day = day
        self.value = value
        self.reliability = reliability
        self.negated = negated

    def likelihood(self, k):
        """P(observation | state) for each of the K states."""
        a = self.reliability
        if self.negated:
            out = np.full(k, a)
            out[self.value] = 1.0 - a
        else:
            out = np.full(k, (1.0 - a) / (k - 1))
            out[self.value] = a
        return out


def transition(k, c):
    """c I + (1 - c) U: stay with the memory c, else a uniform draw over all K states."""
    return c * np.eye(k) + (1.0 - c) * np.full((k, k), 1.0 / k)


def daily_log_stay(k, rate_per_year, periods, dated_mass, first_day, last_day):
    """log c_d for the transitions into days first_day + 1 .. last_day (entry i: day first_day + 1 + i).

    c_d = exp(-mu_d), mu_d = (lambda + dated density on day d) K / (K - 1): the ordinary rate plus,
    for each distinct dated period holding d, dated_mass spread evenly over the period's days.
    """
    n = last_day - first_day
    hazard = np.full(n, rate_per_year / DAYS_PER_YEAR)
    for first, last in set(periods):
        low = max(first, first_day + 1)
        high = min(last, last_day)
        if high >= low:
            hazard[low - first_day - 1:high - first_day] += dated_mass / (last - first + 1)
    return -hazard * k / (k - 1)


def oracle_posterior(k, rate_per_year, observations, query_days, periods=(), dated_mass=1.0):
    """Forward-backward over the days of the observations and of `query_days`.

    The chain is temporal-em's (src/solvers/temporal_em.cc) at the given parameters: from day d - 1
    to day d it stays with memory c_d (daily_log_stay) and otherwise jumps uniformly to one of the
    other K - 1 states, so a gap's transition is c I + (1 - c) U with c the product of its days'
    c_d. `periods`: the distinct dated periods (first day, last day), each adding `dated_mass`
    expected changes. Returns (marginals: day -> K-vector, p_change, first_change: (days, weights)
    or None), where p_change is the posterior probability that the state changes at least once
    between the first and the last grid day and first_change the posterior distribution of the
    first day on which it differs from the day before (weights sum to p_change).
    """
    days = sorted(set([o.day for o in observations]) | set(query_days))
    index = {d: i for i, d in enumerate(days)}
    n = len(days)
    emission = np.ones((n, k))
    for o in observations:
        emission[index[o.day]] *= o.likelihood(k)
    log_c = daily_log_stay(k, rate_per_year, periods, dated_mass, days[0], days[-1])
    # cum_log_c[j] = sum of log c over days days[0] + 1 .. days[0] + j.
    cum_log_c = np.concatenate([[0.0], np.cumsum(log_c)])
    c_day = np.exp(log_c)
    # The daily chain stays in a state with p_d = c_d + (1 - c_d) / K and moves to each other one
    # with q_d = (1 - c_d) / K.
    log_p_stay = np.log(c_day + (1.0 - c_day) / k)
    cum_log_p = np.concatenate([[0.0], np.cumsum(log_p_stay)])
    q_move = (1.0 - c_day) / k
    prior = np.full(k, 1.0 / k)

    def stay(i):  # c of the transition from days[i - 1] to days[i]
        return math.exp(cum_log_c[days[i] - days[0]] - cum_log_c[days[i - 1] - days[0]])

    alpha = np.zeros((n, k))
    alpha[0] = prior * emission[0]
    for i in range(1, n):
        alpha[i] = (alpha[i - 1] @ transition(k, stay(i))) * emission[i]
    beta = np.ones((n, k))
    for i in range(n - 2, -1, -1):
        beta[i] = transition(k, stay(i + 1)) @ (emission[i + 1] * beta[i + 1])
    z = alpha[-1].sum()
    marginals = {d: alpha[index[d]] * beta[index[d]] / z for d in days}

    # A[i](s): state s on every day up to days[i], with the evidence so far.
    constant = prior * emission[0]
    weights_days = []
    weights = []
    for i in range(n - 1):
        d = np.arange(days[i] + 1, days[i + 1] + 1)  # candidate first-change days
        j = d - days[0]  # offsets: day d's transition is entry j - 1 of the daily arrays
        offset_i = days[i] - days[0]
        offset_next = days[i + 1] - days[0]
        after = emission[i + 1] * beta[i + 1]  # evidence from days[i + 1] on, per state there
        total_after = after.sum()
        stay_before = np.exp(cum_log_p[j - 1] - cum_log_p[offset_i])  # days i + 1 .. d - 1
        c_rest = np.exp(cum_log_c[offset_next] - cum_log_c[j])  # days d + 1 .. days[i + 1]
        # sum over r != s, u of T(rest)[r, u] after[u] = c^rest (total - after[s])
        #                                               + (K - 1) (1 - c^rest) / K total
        w = np.zeros(len(d))
        for s in range(k):
            w += constant[s] * stay_before * q_move[j - 1] * (
                c_rest * (total_after - after[s]) + (k - 1) * (1.0 - c_rest) / k * total_after)
        weights_days.append(d)
        weights.append(w / z)
        constant = (constant * math.exp(cum_log_p[offset_next] - cum_log_p[offset_i])
                    * emission[i + 1])
    p_no_change = constant.sum() / z
    if not weights:
        return marginals, 0.0, None
    return marginals, 1.0 - p_no_change, (np.concatenate(weights_days), np.concatenate(weights))


def weighted_quantile(days, weights, q):
    cumulative = np.cumsum(weights)
    position = int(np.searchsorted(cumulative, q * cumulative[-1]))
    return int(days[min(position, len(days) - 1)])


def value_index(proposition, value):
    if isinstance(value, bool):
        return 1 if value else 0
    return int(value[1:])  # "v<k>"


def ordinary_change_rate(truth):
    """The true rate of the changes no report dates: per year of exposure (first to last claim).

    The generator draws one change on a changing proposition, dated by a `since` or `until` report
    when truth says so. temporal-em explains a dated change by the period's own hazard
    (dated_change_count) and learns lambda from the ordinary changes, so the oracle's lambda is
    the undated changes over the exposure of all propositions.
    """
    undated = sum(1 for p in truth["propositions"]
                  if p["change"] is not None and not p["since"] and not p["until"])
    exposure = sum(day_number(p["span"][1]) - day_number(p["span"][0])
                   for p in truth["propositions"])
    return undated / (exposure / DAYS_PER_YEAR)


def dated_evidence(claim, value, reliability):
    """The "not v" observations and the dated periods of one claim, as temporal-em reads them.

    `since`: "not v" on the day before the period, whose days run from its first day up to the
    claim's own day; `until`: "not v" on the period's last day, the period as named.
    """
    observations = []
    periods = []
    as_of = day_number(claim["as_of"])
    if "since" in claim:
        first = day_number(claim["since"])
        observations.append(Observation(first - 1, value, reliability, True))
        periods.append((first, min(last_day_number(claim["since"]), as_of)))
    if "until" in claim:
        last = last_day_number(claim["until"])
        observations.append(Observation(last, value, reliability, True))
        periods.append((day_number(claim["until"]), last))
    return observations, periods


def run_oracle(claims_doc, truth, contradict_threshold, dated_mass):
    """A scores-like result: claims (id -> probability, status) and supersession events."""
    reliability = {s["id"]: s["reliability"] for s in truth["sources"]}
    propositions = {p["subject"]: p for p in truth["propositions"]}
    by_subject = collections.defaultdict(list)
    for article in claims_doc["articles"]:
        for claim in article["claims"]:
            by_subject[claim["subject"]].append((article["outlet"], claim))
    claims = {}
    events = []
    rate = ordinary_change_rate(truth)
    for subject, entries in by_subject.items():
        proposition = propositions[subject]
        k = proposition["num_values"]
        observations = []
        periods = set()  # distinct periods count once, relays' included (the engine's hazard)
        query_days = []
        for outlet, claim in entries:
            as_of = day_number(claim["as_of"])
            query_days.append(as_of)
            v = value_index(proposition, claim["value"])
            # A relay (`via`) is a copy of its content source's report: it adds no observation.
            source = claim["via"][-1] if claim.get("via") else outlet
            dated, claim_periods = dated_evidence(claim, v, reliability[source])
            periods.update(claim_periods)
            if claim.get("via"):
                continue
            observations.append(Observation(as_of, v, reliability[source], False))
            observations.extend(dated)
        marginals, p_change, first_change = oracle_posterior(
            k, rate, observations, query_days, sorted(periods), dated_mass)
        for _, claim in entries:
            p = float(marginals[day_number(claim["as_of"])][value_index(proposition,
                                                                        claim["value"])])
            claims[claim["id"]] = {"probability": p,
                                   "status": "contradicted" if p <= contradict_threshold
                                   else "other"}
        if first_change is not None and p_change > 0:
            change_days, weights = first_change
            events.append({"subject": subject, "probability": p_change,
                           "at": iso(weighted_quantile(change_days, weights, 0.5)),
                           "interval": [iso(weighted_quantile(change_days, weights, 0.05)),
                                        iso(weighted_quantile(change_days, weights, 0.95))]})
    return {"claims": claims, "events": events}


def engine_result(scores):
    claims = {c["id"]: {"probability": c["probability"], "status": c["status"]}
              for c in scores["claims"]}
    return {"claims": claims, "events": scores["supersessions"]}


# ---------------------------------------------------------------------------------------------
# Measures


class Tally:
    """Counts for one method in one cell."""

    def __init__(self):
        self.changes = 0
        self.static = 0
        self.detected = 0
        self.matched = 0
        self.matched_any = 0  # true changes with an event in the window, whatever its probability
        self.true_claims = 0
        self.blamed = 0
        self.false_claims = 0
        self.false_kept = 0
        self.date_errors = []
        self.calibration = []  # (probability, true when made)
        self.change_probabilities = []
        self.interval_hits = 0  # matched events whose `interval` holds the true change day
        self.intervals = 0

    def measures(self):
        def ratio(a, b):
            return a / b if b else None
        return {
            "precision": ratio(self.matched, self.detected),
            "recall": ratio(self.matched, self.changes),
            "blamed": ratio(self.blamed, self.true_claims),
            "false_kept": ratio(self.false_kept, self.false_claims),
            "date_error": float(np.median(self.date_errors)) if self.date_errors else None,
            "ece": expected_calibration_error(self.calibration),
            "p_change": (float(np.mean(self.change_probabilities))
                         if self.change_probabilities else None),
            "coverage": ratio(self.interval_hits, self.intervals),
        }


def expected_calibration_error(pairs, bins=10):
    if not pairs:
        return None
    total = 0.0
    counts = collections.defaultdict(lambda: [0, 0.0, 0])
    for p, y in pairs:
        b = min(int(p * bins), bins - 1)
        counts[b][0] += 1
        counts[b][1] += p
        counts[b][2] += 1 if y else 0
    for n, p_sum, y_sum in counts.values():
        total += n / len(pairs) * abs(p_sum / n - y_sum / n)
    return total


def is_detected(event):
    probability = event.get("probability")
    return probability is None or probability >= 0.5


def tally_seed(result, truth, claims_doc, cell_of, tallies, has_probability):
    propositions = {p["subject"]: p for p in truth["propositions"]}
    events = collections.defaultdict(list)
    all_events = collections.defaultdict(list)
    for event in result["events"]:
        all_events[event["subject"]].append(event)
        if is_detected(event):
            events[event["subject"]].append(event)
    for subject, p in propositions.items():
        for cell in cell_of(p):
            tally = tallies[cell]
            found = events.get(subject, [])
            tally.detected += len(found)
            if p["change"] is None:
                tally.static += 1
                continue
            tally.changes += 1
            low, high = day_number(p["window"][0]), day_number(p["window"][1])
            change = day_number(p["change"])
            match = next((e for e in found if low <= day_number(e["at"]) <= high), None)
            if any(low <= day_number(e["at"]) <= high for e in all_events.get(subject, [])):
                tally.matched_any += 1
            if match is not None:
                tally.matched += 1
                tally.date_errors.append(abs(day_number(match["at"]) - change))
                if match.get("interval"):
                    low_day, high_day = (day_number(d) for d in match["interval"])
                    tally.intervals += 1
                    tally.interval_hits += 1 if low_day <= change <= high_day else 0
            if has_probability:
                tally.change_probabilities.append(
                    max((e.get("probability") or 0.0 for e in all_events.get(subject, [])),
                        default=0.0))
    for key in truth["claims"]:
        p = propositions[key["subject"]]
        got = result["claims"][key["id"]]
        for cell in cell_of(p):
            tally = tallies[cell]
            contradicted = got["status"] == "contradicted"
            if key["true_when_made"]:
                tally.true_claims += 1
                tally.blamed += 1 if contradicted else 0
            else:
                tally.false_claims += 1
                tally.false_kept += 0 if contradicted else 1
            if got["probability"] is not None:
                tally.calibration.append((got["probability"], key["true_when_made"]))


def credible_each_side(p, originals, reliability):
    sides = {"old": False, "new": False}
    for side, outlet in originals.get(p["subject"], []):
        if reliability[outlet] >= 0.7:
            sides[side] = True
    return sides["old"] and sides["new"]


# ---------------------------------------------------------------------------------------------
# Output


def fmt(value, kind):
    if value is None:
        return "—"
    if kind == "days":
        return "%.0f" % value
    return "%.3f" % value


def cell_label(cell):
    if cell == "all":
        return "all"
    if cell == "target":
        return "target subset"
    groups, gap, since = cell
    return "%d | %s | %s" % (groups, gap, "yes" if since else "no")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("credence")
    parser.add_argument("workdir")
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--propositions", type=int, default=900)
    parser.add_argument("--algorithms", default="temporal-em,one-coin,dawid-skene")
    parser.add_argument("--synth-arg", action="append", default=[],
                        help="passed on to credence synth (repeatable)")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    algorithms = args.algorithms.split(",")
    methods = ["oracle"] + algorithms

    cells = [(g, gap, since) for g in (1, 2, 3) for gap in GAP_BUCKETS for since in (False, True)]
    tallies = {m: collections.defaultdict(Tally) for m in methods}
    failures = {}
    has_probability = {"oracle": True}
    rates = []
    learned_rates = []
    synth_args = ["--propositions", str(args.propositions)] + args.synth_arg
    for seed in seeds:
        prefix = os.path.join(args.workdir, "news-%d" % seed)
        subprocess.run([args.credence, "synth", "--regime", "news", "--seed", str(seed),
                        "--out-prefix", prefix] + synth_args, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(prefix + ".claims.json") as f:
            claims_doc = json.load(f)
        with open(prefix + ".truth.json") as f:
            truth = json.load(f)
        rates.append(ordinary_change_rate(truth))
        reliability = {s["id"]: s["reliability"] for s in truth["sources"]}
        outlet_of = {c["id"]: a["outlet"] for a in claims_doc["articles"] for c in a["claims"]}
        originals = collections.defaultdict(list)
        for key in truth["claims"]:
            if key["role"] == "original":
                originals[key["subject"]].append((key["side"], outlet_of[key["id"]]))

        def cell_of(p):
            groups = min(p["old_groups"], p["new_groups"])
            out = [(groups, p["gap_bucket"], p["since"]), "all"]
            if ((p["change"] is None or p["since"])
                    and credible_each_side(p, originals, reliability)):
                out.append("target")
            return out

        runs = [(a, a, prefix) for a in algorithms]
        contradict_threshold = 0.1
        dated_mass = 1.0
        for method, algorithm, input_prefix in runs:
            out = input_prefix + "-" + algorithm + ".json"
            run = subprocess.run([args.credence, "score", input_prefix + ".claims.json",
                                  "--algorithm", algorithm, "-o", out],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if run.returncode != 0:
                failures[method] = (run.stderr.strip().splitlines() or ["failed"])[-1]
                continue
            with open(out) as f:
                scores = json.load(f)
            if method == "temporal-em":
                learned_rates.extend(q["change_rate"] for q in scores.get("predicates", [])
                                     if q.get("change_rate") is not None)
                engine_options = scores["engine"]["options"]
                contradict_threshold = engine_options.get("contradict_threshold", 0.1)
                dated_mass = engine_options.get("dated_change_count", 1.0)
            with_probability = any("probability" in e for e in scores["supersessions"])
            has_probability[method] = has_probability.get(method, False) or with_probability
            tally_seed(engine_result(scores), truth, claims_doc, cell_of, tallies[method],
                       with_probability)
        tally_seed(run_oracle(claims_doc, truth, contradict_threshold, dated_mass), truth, claims_doc,
                   cell_of, tallies["oracle"], True)

    version = subprocess.run([args.credence, "--version"], capture_output=True,
                             text=True).stdout.strip() or "unknown"
    rows = cells + ["all", "target"]
    w = print
    w("## News regime")
    w("")
    w("`bench/news_regime.py CREDENCE WORKDIR` (version `%s`): `credence synth --regime news "
      "--propositions %d %s--seed S` for seeds %s (docs/synth.md, \"The news regime\"), scored "
      "with `credence score --algorithm A` at the defaults, beside an oracle that knows the true "
      "reliabilities and change rate. Cells: evidence groups a side (the fewer of the two "
      "sides), the gap between the last old-side and the first new-side report, and whether the "
      "new side dates the change (`since`); propositions that never change carry no `since` "
      "and sit in the \"no\" cells. *Target subset*: the dated changes with a group of "
      "reliability >= 0.7 on each side, and the static propositions with such groups. Shares "
      "are fractions (0.020 = 2 points), date errors days." %
      (version, args.propositions, "".join(a + " " for a in args.synth_arg),
       ", ".join(str(s) for s in seeds)))
    w("")
    w("- *precision*, *recall*: a detected change is a supersession event (with `probability` "
      ">= 0.5 where the output gives one); it matches a true change when its `at` lies in the "
      "window from the last old-side to the first new-side report, each change matching at most "
      "one event. Events on static propositions are false changes.")
    w("- *blamed*: share of claims true when made whose status is `contradicted`; *false kept*: "
      "share of claims false when made whose status is not `contradicted`.")
    w("- *date error*: median |`at` - true change day| over matched events; *ECE*: expected "
      "calibration error of claim probabilities against \"true when made\", 10 equal bins; "
      "*90% cover*: share of matched events whose `interval` holds the true day, where the "
      "output gives one; *P(change)*: mean over changing propositions of the largest event "
      "probability on the proposition (below 0.5 included, 0 without an event), where the output "
      "gives one.")
    w("- *oracle*: temporal-em's model at the true parameters, by forward-backward over each "
      "proposition: the one-coin emission at the true reliabilities; the chain that leaves its "
      "state for a different one, uniformly, with daily hazard mu_d = (lambda + dated density on "
      "day d) K / (K - 1), lambda the true rate of the changes no report dates (undated changes "
      "over the exposure, first to last claim), each distinct period a `since` or `until` names "
      "adding dated_change_count (%g) expected changes spread evenly over its days; over a gap "
      "P = c I + (1 - c) U, c the product of the days' exp(-mu_d), U uniform. `since` adds "
      "\"not v\" on the day before its period (which runs up to the claim's day), `until` "
      "\"not v\" on its last day (likelihood a when the state is not v, 1 - a when it is); "
      "relays add nothing. Its event: P(at least one change), dated at the posterior median of "
      "the first change day (interval: 5%% and 95%% quantiles); its status `contradicted`: "
      "marginal <= temporal-em's contradict_threshold (%g). tests/bench/test_news_oracle.py "
      "checks it against enumeration of every daily path, with and without dated periods." % (
          dated_mass, contradict_threshold))
    for algorithm, message in failures.items():
        w("- %s failed: `%s`" % (algorithm, message.replace(os.path.dirname(args.workdir),
                                                             "...")))
    for method in methods:
        if method in failures:
            continue
        w("")
        w("### %s" % method)
        w("")
        w("| groups a side | gap | since | changes | static | precision | recall | blamed | "
          "false kept | date error | 90% cover | ECE | P(change) |")
        w("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for cell in rows:
            t = tallies[method][cell]
            m = t.measures()
            label = cell_label(cell)
            if cell in ("all", "target"):
                label = "**%s** | | " % label
            w("| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                label, t.changes, t.static, fmt(m["precision"], ""), fmt(m["recall"], ""),
                fmt(m["blamed"], ""), fmt(m["false_kept"], ""), fmt(m["date_error"], "days"),
                fmt(m["coverage"], ""), fmt(m["ece"], ""), fmt(m["p_change"], "") if has_probability.get(method)
                else "—"))
    if "temporal-em" in tallies and "temporal-em" not in failures:
        w("")
        w("### temporal-em against the oracle")
        w("")
        w("Difference temporal-em minus oracle per measure (points for shares, days for the date "
          "error). A share is marked **bold** where temporal-em is more than 2 points worse than "
          "the oracle (lower precision or recall, higher blamed, false kept or ECE).")
        w("")
        w("| groups a side | gap | since | precision | recall | blamed | false kept | ECE | "
          "date error |")
        w("|---:|---|---|---:|---:|---:|---:|---:|---:|")
        misses = 0
        for cell in rows:
            te = tallies["temporal-em"][cell].measures()
            orc = tallies["oracle"][cell].measures()
            parts = []
            for measure in POINT_MEASURES:
                if te[measure] is None or orc[measure] is None:
                    parts.append("—")
                    continue
                diff = te[measure] - orc[measure]
                worse = -diff if measure in HIGHER_IS_BETTER else diff
                text = "%+.1f" % (100 * diff)
                if worse > 0.02:
                    text = "**%s**" % text
                    misses += 1
                parts.append(text)
            if te["date_error"] is None or orc["date_error"] is None:
                parts.append("—")
            else:
                parts.append("%+.0f" % (te["date_error"] - orc["date_error"]))
            label = cell_label(cell)
            if cell in ("all", "target"):
                label = "**%s** | | " % label
            w("| %s | %s |" % (label, " | ".join(parts)))
        w("")
        te_all = tallies["temporal-em"]["all"].measures()
        te_target = tallies["temporal-em"]["target"].measures()
        w("Targets of issue 12 (measured):")
        w("")
        w("- temporal-em within 2 points of the oracle on every share in every cell: %s (%d "
          "shares more than 2 points worse)." % ("met" if misses == 0 else "missed", misses))

        def met(ok):
            return "met" if ok else "missed"
        recall, precision, blamed = (te_target["recall"], te_target["precision"],
                                     te_target["blamed"])
        w("- Target subset: recall %s (>= 0.9), precision %s (>= 0.9), blamed %s (<= 0.05): %s." % (
            fmt(recall, ""), fmt(precision, ""), fmt(blamed, ""),
            met(recall is not None and precision is not None and blamed is not None
                and recall >= 0.9 and precision >= 0.9 and blamed <= 0.05)))
        w("- Calibration error overall %s (<= 0.05): %s." % (
            fmt(te_all["ece"], ""), met(te_all["ece"] is not None and te_all["ece"] <= 0.05)))
        write_notes(w, tallies, rates, learned_rates)


def pooled_recall(tally_map, gap, since):
    matched = sum(tally_map[(g, gap, since)].matched for g in (1, 2, 3))
    changes = sum(tally_map[(g, gap, since)].changes for g in (1, 2, 3))
    return matched / changes if changes else None


def write_notes(w, tallies, rates, learned_rates):
    """Why targets are missed, from the measured figures."""
    w("")
    w("Why, from these figures:")
    w("")
    te = tallies["temporal-em"]
    oracle = tallies["oracle"]
    if learned_rates:
        w("- Change rate: the oracle uses the true rate of undated changes, %.3f a year (mean over "
          "the seeds); temporal-em learns %.3f a year (mean over the seeds of its one predicate's "
          "`change_rate`)." % (float(np.mean(rates)), float(np.mean(learned_rates))))
    target = oracle["target"].measures()
    w("- On the target subset the oracle reaches recall %s at precision %s with blamed %s: "
      "where it falls short of 0.9 / 0.9 / 0.05 the target is beyond the model itself at the "
      "true parameters, read with the 0.5 rule." % (
          fmt(target["recall"], ""), fmt(target["precision"], ""), fmt(target["blamed"], "")))
    for gap in GAP_BUCKETS:
        cell = (1, gap, False)
        t, o = te[cell].measures(), oracle[cell].measures()
        w("- One group a side, %s, no `since`: mean P(change) temporal-em %s, oracle %s; "
          "blamed temporal-em %s, oracle %s." % (
              gap, fmt(t["p_change"], ""), fmt(o["p_change"], ""), fmt(t["blamed"], ""),
              fmt(o["blamed"], "")))
    for since in (False, True):
        cells = [(g, gap, since) for g in (1, 2, 3) for gap in GAP_BUCKETS]
        changes = sum(te[c].changes for c in cells)
        if changes:
            w("- Changes %s `since`, all cells pooled: temporal-em has an event in the window for "
              "%.3f of them, but one with `probability` >= 0.5 for %.3f (the oracle: %.3f). "
              "temporal-em's `probability` is the joint probability of the old state at the last "
              "old-segment claim and the new one at the first new-segment claim, the oracle's "
              "the probability of at least one change." % (
                  "with" if since else "without",
                  sum(te[c].matched_any for c in cells) / changes,
                  sum(te[c].matched for c in cells) / changes,
                  sum(oracle[c].matched for c in cells) / changes))
    worst = {}
    for cell in [c for c in te if c not in ("all", "target")]:
        mt, mo = te[cell].measures(), oracle[cell].measures()
        for measure in POINT_MEASURES:
            if mt[measure] is None or mo[measure] is None:
                continue
            diff = mt[measure] - mo[measure]
            worse = -diff if measure in HIGHER_IS_BETTER else diff
            if worse > worst.get(measure, (0.0, None))[0]:
                worst[measure] = (worse, cell)
    for measure in POINT_MEASURES:
        if measure in worst and worst[measure][0] > 0.02:
            worse, cell = worst[measure]
            w("- Largest shortfall in %s: %.1f points, in cell %s." % (
                measure.replace("_", " "), 100 * worse, cell_label(cell)))


if __name__ == "__main__":
    main()

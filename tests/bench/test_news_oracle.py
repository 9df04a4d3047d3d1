"""The news-regime oracle (bench/news_regime.py) against brute force: every daily path of a short
chain enumerated, weighted by the prior, the daily transitions and the observations' likelihoods.
Marginals, the probability of at least one change and the distribution of the first change day
must agree. Skipped where numpy is missing."""
import itertools
import math
import os
import random
import sys

import pytest

np = pytest.importorskip("numpy")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
import news_regime  # noqa: E402


def brute_force(k, rate, observations, first, last, periods=(), dated_mass=1.0):
    # The daily hazard written out day by day, independently of the oracle's cumulative sums.
    def hazard(day):  # of the transition from day - 1 to day
        h = rate / news_regime.DAYS_PER_YEAR
        for low, high in set(periods):
            if low <= day <= high:
                h += dated_mass / (high - low + 1)
        return h

    def step(day, a, b):
        c = math.exp(-hazard(day) * k / (k - 1))
        return c + (1 - c) / k if a == b else (1 - c) / k

    days = list(range(first, last + 1))
    total = 0.0
    marginal = {d: np.zeros(k) for d in days}
    no_change = 0.0
    first_change = {d: 0.0 for d in days}
    for path in itertools.product(range(k), repeat=len(days)):
        weight = 1.0 / k
        for day, a, b in zip(days[1:], path, path[1:]):
            weight *= step(day, a, b)
        for o in observations:
            s = path[o.day - first]
            if o.negated:
                weight *= (1 - o.reliability) if s == o.value else o.reliability
            else:
                weight *= o.reliability if s == o.value else (1 - o.reliability) / (k - 1)
        total += weight
        for d, s in zip(days, path):
            marginal[d][s] += weight
        changes = [d for d, a, b in zip(days[1:], path, path[1:]) if a != b]
        if changes:
            first_change[changes[0]] += weight
        else:
            no_change += weight
    return ({d: m / total for d, m in marginal.items()}, 1 - no_change / total,
            {d: w / total for d, w in first_change.items()})


@pytest.mark.parametrize("seed", range(12))
def test_oracle_matches_enumeration(seed):
    rng = random.Random(seed)
    k = rng.choice([2, 3])
    span = 7 if k == 2 else 5
    rate = rng.choice([20.0, 80.0])  # large rates so that changes within days matter
    observations = []
    for _ in range(rng.randint(1, 4)):
        observations.append(news_regime.Observation(
            rng.randint(0, span), rng.randrange(k), rng.uniform(0.55, 0.95), rng.random() < 0.3))
    query = [0, span]
    marginals, p_change, first_change = news_regime.oracle_posterior(k, rate, observations, query)
    want_marginals, want_p_change, want_first = brute_force(k, rate, observations, 0, span)
    for d, m in marginals.items():
        assert np.allclose(m, want_marginals[d], rtol=1e-9, atol=1e-12), d
    assert p_change == pytest.approx(want_p_change, rel=1e-9, abs=1e-12)
    days, weights = first_change
    got = dict(zip(days.tolist(), weights.tolist()))
    for d in range(1, span + 1):
        assert got.get(d, 0.0) == pytest.approx(want_first[d], rel=1e-9, abs=1e-12), d
    assert sum(got.values()) == pytest.approx(p_change, rel=1e-9)


@pytest.mark.parametrize("seed", range(12))
def test_oracle_with_dated_changes_matches_enumeration(seed):
    # Dated periods (a `since` month clipped at the claim's day, a one-day `until`, overlapping or
    # repeated) add their mass to the daily hazard; the rate is small, so the dated mass decides.
    rng = random.Random(100 + seed)
    k = rng.choice([2, 3])
    span = 7 if k == 2 else 5
    rate = rng.choice([0.5, 5.0])
    periods = []
    for _ in range(rng.randint(1, 3)):
        low = rng.randint(1, span)
        periods.append((low, rng.randint(low, span)))
    periods.append(periods[0])  # a repeated period counts once
    observations = []
    for _ in range(rng.randint(1, 4)):
        observations.append(news_regime.Observation(
            rng.randint(0, span), rng.randrange(k), rng.uniform(0.55, 0.95), rng.random() < 0.3))
    dated_mass = rng.choice([1.0, 2.0])
    marginals, p_change, first_change = news_regime.oracle_posterior(
        k, rate, observations, [0, span], periods, dated_mass)
    want_marginals, want_p_change, want_first = brute_force(
        k, rate, observations, 0, span, periods, dated_mass)
    for d, m in marginals.items():
        assert np.allclose(m, want_marginals[d], rtol=1e-9, atol=1e-12), d
    assert p_change == pytest.approx(want_p_change, rel=1e-9, abs=1e-12)
    days, weights = first_change
    got = dict(zip(days.tolist(), weights.tolist()))
    for d in range(1, span + 1):
        assert got.get(d, 0.0) == pytest.approx(want_first[d], rel=1e-9, abs=1e-12), d


def test_a_dated_change_is_a_change_a_year_on_its_day():
    # No observation: the prior. One dated day with mass 1 and no ordinary rate: a boolean leaves
    # its state on that day with probability (1 - e^{-2}) / 2 (c = exp(-1 * 2 / 1)), by hand.
    _, p_change, first = news_regime.oracle_posterior(2, 0.0, [], [0, 10], [(4, 4)], 1.0)
    assert p_change == pytest.approx((1 - math.exp(-2)) / 2, rel=1e-12)
    days, weights = first
    assert dict(zip(days.tolist(), weights.tolist()))[4] == pytest.approx(p_change, rel=1e-12)
    # Spread over 30 days instead, each day leaves with (1 - e^{-2/30}) / 2, so at least one change
    # (switching back counts) has 1 - ((1 + e^{-2/30}) / 2)^30, spread evenly over the 30 days.
    _, spread, first = news_regime.oracle_posterior(2, 0.0, [], [0, 40], [(5, 34)], 1.0)
    assert spread == pytest.approx(1 - ((1 + math.exp(-2 / 30)) / 2) ** 30, rel=1e-9)
    days, weights = first
    assert sum(w for d, w in zip(days.tolist(), weights.tolist()) if not 5 <= d <= 34) == 0.0


def test_dated_evidence_reads_since_and_until_as_the_engine_does():
    # `since` "2025-03" on a claim of 2025-03-10: "not v" on 2025-02-28, period 03-01 .. 03-10;
    # `until` "2025-03-05": "not v" on that day, period that day.
    claim = {"as_of": "2025-03-10", "since": "2025-03", "until": "2025-03-05"}
    observations, periods = news_regime.dated_evidence(claim, 1, 0.8)
    day = news_regime.day_number
    assert [(o.day, o.value, o.negated) for o in observations] == [
        (day("2025-02-28"), 1, True), (day("2025-03-05"), 1, True)]
    assert periods == [(day("2025-03-01"), day("2025-03-10")),
                       (day("2025-03-05"), day("2025-03-05"))]
    assert news_regime.last_day_number("2024-02") == day("2024-02-29")
    assert news_regime.last_day_number("2024-12") == day("2024-12-31")
    assert news_regime.last_day_number("2024") == day("2024-12-31")


def test_one_credible_report_a_side_reads_as_a_change_only_after_long_gaps():
    # Two reports of 0.9 sources with opposite values, D days apart (rate 1 a year, K = 2). By
    # hand: the state differs at the two dates with s = (1 - exp(-2 D / 365.2425)) / 2. Both right
    # or both wrong need that switch; one wrong (two ways) needs none. The oracle's P(at least one
    # change) also counts paths that switch and switch back, a small extra over 10 days.
    obs = [news_regime.Observation(0, 0, 0.9, False), news_regime.Observation(10, 1, 0.9, False)]
    _, short, _ = news_regime.oracle_posterior(2, 1.0, obs, [0, 10])
    obs[1] = news_regime.Observation(400, 1, 0.9, False)
    _, long_gap, _ = news_regime.oracle_posterior(2, 1.0, obs, [0, 400])
    c_short = math.exp(-2 * 10 / news_regime.DAYS_PER_YEAR)
    switch = (1 - c_short) / 2
    both_right = 0.9 * 0.9 * switch
    one_wrong = 2 * 0.9 * 0.1 * (1 - switch)
    both_wrong = 0.1 * 0.1 * switch
    # Either "both right" or "both wrong" needs a switch of the state (K = 2).
    assert short == pytest.approx((both_right + both_wrong) / (both_right + one_wrong + both_wrong),
                                  rel=0.05)
    assert short < 0.3 < 0.5 < long_gap

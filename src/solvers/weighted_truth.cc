// The shared iteration of CRH and CATD on credence data. A proposition is numeric when its
// predicate is a quantity and every candidate value has a known magnitude (store values are
// clusters of compatible values; the state's magnitude is its anchor's); otherwise categorical.
// Loss of claim c against the current truth of its proposition p:
//   categorical: d_c = [v_c != truth_p] (0-1 loss; squared, the same); when t states share the
//                top vote, d_c = 1 - 1/t for claims on them (the expected 0-1 loss against a
//                truth drawn from the tie), 1 for the others;
//   numeric:     d_c = |x_c - x*_p| / sd_p (CRH) or (x_c - x*_p)^2 / sd_p^2 (CATD), sd_p the
//                standard deviation of p's claimed magnitudes (d = 0 when they all agree),
// and L_s = sum_{c in C_s} w_c d_c. Truths given weights W_s (claim weight w_c as a factor):
//   categorical: truth_p = argmax_k sum_{c: v_c = k} w_c W_{s_c};
//   numeric:     x*_p = weighted median (CRH) or weighted mean (CATD) of x_c with weights
//                w_c W_{s_c}; the reported state is the claimed value nearest to x*_p.
// Start: every W_s = 1, i.e. majority vote and plain median/mean, as both papers initialise.
// Deviation: the papers break a tie in the weighted vote by picking one state; against that pick
// the one source on it has no loss and an overwhelming weight, and five single sources that all
// disagree end with the byte-smallest value at p = 1.0. The split loss keeps a perfect tie a tie.
// Deviation: L_s is floored at probability_clamp * sum_s L_s so that a source with no loss gets
// a large finite weight instead of an infinite one; when no source has any loss every weight is
// the one a loss of 1 gives (CATD) or 1 (CRH). A proposition whose claimants all have weight 0
// falls back to weights w_c.
#include "solvers/weighted_truth.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <chrono>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "solvers/crowd_common.h"
#include "solvers/fact_finding.h"
#include "solvers/solver_common.h"
#include "util/parallel.h"

namespace credence::internal {
namespace {

class WeightedTruth {
 public:
  WeightedTruth(const ClaimStore& store, const SolverOptions& options, WeightRule rule)
      : store_(store), options_(options), rule_(rule), index_(BuildFactIndex(store)) {
    const std::size_t n = store.num_propositions();
    numeric_.assign(n, false);
    spread_.assign(n, 0.0);
    const auto state = store.claim_state();
    for (std::size_t p = 0; p < n; ++p) {
      const std::span<const Value> values = store.ValuesOf(p);
      if (store.PredicateOf(p).value_kind != ValueKind::kQuantity || values.empty()) continue;
      bool known = true;
      for (const Value& v : values) known = known && v.magnitude().has_value();
      if (!known) continue;
      numeric_[p] = true;
      double count = 0.0;
      double sum = 0.0;
      for (std::uint32_t c : store.ClaimsOfProposition(p)) {
        if (state[c] == ClaimStore::kUnknownState) continue;
        sum += Magnitude(p, state[c]);
        count += 1.0;
      }
      if (count == 0.0) continue;
      const double mean = sum / count;
      double squares = 0.0;
      for (std::uint32_t c : store.ClaimsOfProposition(p)) {
        if (state[c] == ClaimStore::kUnknownState) continue;
        const double d = Magnitude(p, state[c]) - mean;
        squares += d * d;
      }
      spread_[p] = std::sqrt(squares / count);
    }
  }

  const FactIndex& index() const { return index_; }
  bool numeric(std::size_t p) const { return numeric_[p]; }

  double Magnitude(std::size_t p, std::uint32_t state) const {
    return *store_.ValuesOf(p)[state].magnitude();
  }

  // Per-claim aggregation weight w_c W_s; falls back to w_c when all of p's are 0.
  std::vector<std::pair<std::uint32_t, double>> Votes(std::size_t p, std::uint32_t masked_group,
                                                      std::span<const double> weights) const {
    std::vector<std::pair<std::uint32_t, double>> votes;
    const auto source = store_.claim_source();
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto weight = store_.claim_weight();
    double total = 0.0;
    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
      if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
      votes.emplace_back(state[c], weight[c] * weights[source[c]]);
      total += votes.back().second;
    }
    if (total <= 0.0) {
      std::size_t i = 0;
      for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
        if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
        votes[i++].second = weight[c];
      }
    }
    return votes;
  }

  // Weighted vote shares of p's states.
  void Shares(std::size_t p, std::uint32_t masked_group, std::span<const double> weights,
              std::span<double> out) const {
    std::fill(out.begin(), out.end(), 0.0);
    for (const auto& [state, vote] : Votes(p, masked_group, weights)) out[state] += vote;
    NormalizeScores(out);
  }

  // The truth of p: a state (categorical) and a value (numeric; the state's magnitude otherwise
  // unused).
  struct Truth {
    std::uint32_t state = 0;
    double value = 0.0;
    std::vector<std::uint32_t> tied;  // categorical: the states sharing the top vote, if several
  };

  Truth Estimate(std::size_t p, std::span<const double> weights) const {
    const auto votes = Votes(p, ClaimStore::kUnknownState, weights);
    Truth truth;
    if (votes.empty()) return truth;
    if (!numeric_[p]) {
      std::vector<double> shares(store_.propositions()[p].num_states(), 0.0);
      for (const auto& [state, vote] : votes) shares[state] += vote;
      truth.state = MostProbableState(store_, p, shares);
      for (std::uint32_t k = 0; k < shares.size(); ++k) {
        if (shares[k] == shares[truth.state]) truth.tied.push_back(k);
      }
      if (truth.tied.size() == 1) truth.tied.clear();
      return truth;
    }
    if (rule_ == WeightRule::kCrh) {
      std::vector<std::pair<double, double>> points;
      double total = 0.0;
      for (const auto& [state, vote] : votes) {
        points.emplace_back(Magnitude(p, state), vote);
        total += vote;
      }
      std::sort(points.begin(), points.end());
      double running = 0.0;
      truth.value = points.back().first;
      for (const auto& [x, vote] : points) {
        running += vote;
        if (running >= 0.5 * total) {
          truth.value = x;
          break;
        }
      }
    } else {
      double sum = 0.0;
      double total = 0.0;
      for (const auto& [state, vote] : votes) {
        sum += vote * Magnitude(p, state);
        total += vote;
      }
      truth.value = sum / total;
    }
    truth.state = Nearest(p, truth.value);
    return truth;
  }

  // The claimed state whose magnitude is nearest to x; ties to the smallest value text.
  std::uint32_t Nearest(std::size_t p, double x) const {
    const std::span<const Value> values = store_.ValuesOf(p);
    std::uint32_t best = ClaimStore::kUnknownState;
    double best_distance = std::numeric_limits<double>::infinity();
    for (std::uint32_t k = 0; k < values.size(); ++k) {
      if (!index_.claimed[index_.begin[p] + k]) continue;
      const double d = std::abs(Magnitude(p, k) - x);
      if (d < best_distance ||
          (d == best_distance && values[k].ToDisplay() < values[best].ToDisplay())) {
        best = k;
        best_distance = d;
      }
    }
    return best == ClaimStore::kUnknownState ? 0 : best;
  }

  double Loss(std::size_t p, std::uint32_t state, const Truth& truth) const {
    if (!numeric_[p]) {
      if (truth.tied.empty()) return state == truth.state ? 0.0 : 1.0;
      const bool on_tie =
          std::find(truth.tied.begin(), truth.tied.end(), state) != truth.tied.end();
      return on_tie ? 1.0 - 1.0 / static_cast<double>(truth.tied.size()) : 1.0;
    }
    if (spread_[p] <= 0.0) return 0.0;
    const double d = std::abs(Magnitude(p, state) - truth.value) / spread_[p];
    return rule_ == WeightRule::kCrh ? d : d * d;
  }

  std::vector<double> SourceLosses(const std::vector<Truth>& truths) const {
    std::vector<double> loss(store_.num_outlets(), 0.0);
    const auto proposition = store_.claim_proposition();
    const auto state = store_.claim_state();
    const auto weight = store_.claim_weight();
    ParallelFor(store_.num_outlets(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t s = begin; s < end; ++s) {
                    double total = 0.0;
                    for (std::uint32_t c : store_.ClaimsOfSource(s)) {
                      if (state[c] == ClaimStore::kUnknownState) continue;
                      total += weight[c] * Loss(proposition[c], state[c], truths[proposition[c]]);
                    }
                    loss[s] = total;
                  }
                });
    return loss;
  }

  std::vector<double> Weights(const std::vector<double>& loss) const {
    double total = 0.0;
    for (std::size_t s = 0; s < loss.size(); ++s) {
      if (index_.source_weight[s] > 0.0) total += loss[s];
    }
    std::vector<double> weights(loss.size(), 0.0);
    for (std::size_t s = 0; s < loss.size(); ++s) {
      if (index_.source_weight[s] <= 0.0) continue;
      if (rule_ == WeightRule::kCrh) {
        // max with +0: a source with all the loss has -log(1) = -0, which would print as -0.0.
        weights[s] =
            total > 0.0
                ? std::max(0.0,
                           -std::log(std::max(loss[s], options_.probability_clamp * total) / total))
                : 1.0;
      } else {
        const boost::math::chi_squared_distribution<double> chi2(index_.source_weight[s]);
        const double quantile = boost::math::quantile(chi2, kCatdAlpha / 2.0);
        weights[s] =
            quantile / (total > 0.0 ? std::max(loss[s], options_.probability_clamp * total) : 1.0);
      }
    }
    return weights;
  }

  std::vector<Truth> Truths(std::span<const double> weights) const {
    std::vector<Truth> truths(store_.num_propositions());
    ParallelFor(store_.num_propositions(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) truths[p] = Estimate(p, weights);
                });
    return truths;
  }

 private:
  const ClaimStore& store_;
  const SolverOptions& options_;
  WeightRule rule_;
  FactIndex index_;
  std::vector<bool> numeric_;
  std::vector<double> spread_;
};

std::vector<double> UnitMax(const std::vector<double>& x) {
  double top = 0.0;
  for (double v : x) top = std::max(top, v);
  std::vector<double> scaled(x);
  if (top > 0.0) {
    for (double& v : scaled) v /= top;
  }
  return scaled;
}

}  // namespace

Solution SolveWeightedTruth(const ClaimStore& store, const SolverOptions& options, WeightRule rule,
                            std::string_view name) {
  const auto start = std::chrono::steady_clock::now();
  Solution solution;
  SolverSummary& summary = solution.summary;
  summary.algorithm = std::string(name);
  if (FailWithoutClaims(store, &solution)) return solution;

  const WeightedTruth model(store, options, rule);
  const FactIndex& index = model.index();
  std::vector<double> weights(store.num_outlets(), 0.0);
  for (std::size_t s = 0; s < weights.size(); ++s) {
    if (index.source_weight[s] > 0.0) weights[s] = 1.0;
  }
  std::vector<WeightedTruth::Truth> truths = model.Truths(weights);
  summary.termination = TerminationType::kNoConvergence;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    std::vector<double> next = model.Weights(model.SourceLosses(truths));
    truths = model.Truths(next);
    // The papers' objective: sum_s W_s L_s against the new truths.
    const std::vector<double> loss = model.SourceLosses(truths);
    double objective = 0.0;
    for (std::size_t s = 0; s < loss.size(); ++s) objective += next[s] * loss[s];
    summary.log_likelihood.push_back(objective);
    summary.final_change = MaxAbsDifference(UnitMax(next), UnitMax(weights));
    summary.iterations = iteration;
    weights = std::move(next);
    if (summary.final_change < options.tolerance) {
      summary.termination = TerminationType::kConvergence;
      break;
    }
  }
  summary.message =
      std::string(summary.IsConverged() ? "no max-normalised source weight moved by more than the "
                                          "tolerance"
                                        : "iteration cap reached") +
      "; log_likelihood holds the objective sum_s w_s loss_s (to be minimised)";

  FinishFromBeliefs(
      store, options,
      [&](std::size_t p, std::uint32_t masked_group, std::span<double> out) {
        model.Shares(p, masked_group, weights, out);
      },
      &solution);
  // Numeric truths are the weighted median/mean, not the state with the most weight.
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    if (!model.numeric(p) || solution.timelines[p].empty()) continue;
    const std::uint32_t state = truths[p].state;
    StateSegment& segment = solution.timelines[p][0];
    segment.state = state;
    std::vector<double> shares(store.propositions()[p].num_states());
    model.Shares(p, ClaimStore::kUnknownState, weights, shares);
    segment.probability = shares[state];
  }
  solution.reliability = ScaleToUnitMax(index, options, weights);
  summary.solve_seconds = SecondsSince(start);
  return solution;
}

}  // namespace credence::internal

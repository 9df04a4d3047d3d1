// The shared iteration of Sums, Average-Log, Investment and PooledInvestment (Pasternack and
// Roth, COLING 2010). Notation: C_s the claims of source s, S_f the claims asserting fact f,
// M_f the facts of f's proposition (mutually exclusive), w_c the claim weight, |C_s| = sum of w_c
// over C_s. Every sum over claims is weighted by w_c.
//   Sums:        B(f) = sum_{c in S_f} w_c T(s_c);   T(s) = sum_{c in C_s} w_c B(f_c)
//   Average-Log: B as Sums;  T(s) = log|C_s| * sum_{c in C_s} w_c B(f_c) / |C_s|
//   Investment:  T^i(s) = sum_{c in C_s} B^{i-1}(f_c) * inv(c) / sum_{c' in S_f} inv(c'),
//                inv(c) = w_c T^{i-1}(s_c) / |C_{s_c}|;
//                H(f) = sum_{c in S_f} w_c T^i(s_c) / |C_{s_c}|,  B^i(f) = G(H(f))
//   Pooled:      T as Investment;  B^i(f) = H(f) G(H(f)) / sum_{d in M_f} G(H(d))
// with G(x) = x^1.2 (Investment) and x^1.4 (PooledInvestment).
// Start: T^0 = 1 for every source; Investment and PooledInvestment also need B^0, which is the
// uniform prior 1/|M_f| (no prior knowledge). Sums and Average-Log compute B from T, then T
// from B; Investment and PooledInvestment T from (T, B), then B from T. T and B are divided by
// their maximum after every step, as the paper does for Sums; every rule is homogeneous in T
// and in B, so the rescaling changes no ratio and only keeps x^g from overflowing.
#include "solvers/pasternack_roth.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "solvers/crowd_common.h"
#include "solvers/fact_finding.h"
#include "util/parallel.h"

namespace credence::internal {
namespace {

double Exponent(FactFinderRule rule) {
  return rule == FactFinderRule::kPooledInvestment ? 1.4 : 1.2;
}

bool IsInvestment(FactFinderRule rule) {
  return rule == FactFinderRule::kInvestment || rule == FactFinderRule::kPooledInvestment;
}

void DivideByMax(std::vector<double>* x) {
  double top = 0.0;
  for (double v : *x) top = std::max(top, v);
  if (top > 0.0) {
    for (double& v : *x) v /= top;
  }
}

class FactFinder {
 public:
  FactFinder(const ClaimStore& store, const SolverOptions& options, FactFinderRule rule)
      : store_(store), options_(options), rule_(rule), index_(BuildFactIndex(store)) {}

  const FactIndex& index() const { return index_; }

  // Beliefs of p's states from source trust `trust`, claims of `masked_group` left out, before
  // any normalisation: the sums of the rule's B update (H for the investment rules).
  void RawBeliefs(std::size_t p, std::uint32_t masked_group, std::span<const double> trust,
                  std::span<double> out) const {
    std::fill(out.begin(), out.end(), 0.0);
    const auto source = store_.claim_source();
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto weight = store_.claim_weight();
    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
      if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
      const std::uint32_t s = source[c];
      out[state[c]] += IsInvestment(rule_) ? weight[c] * trust[s] / index_.source_weight[s]
                                           : weight[c] * trust[s];
    }
    if (!IsInvestment(rule_)) return;
    const double g = Exponent(rule_);
    if (rule_ == FactFinderRule::kInvestment) {
      for (double& x : out) x = std::pow(x, g);
      return;
    }
    double pool = 0.0;
    for (double x : out) pool += std::pow(x, g);
    for (double& x : out) x = pool > 0.0 ? x * std::pow(x, g) / pool : 0.0;
  }

  // B from T over every proposition, then divided by its maximum.
  void UpdateBeliefs(const std::vector<double>& trust, std::vector<double>* belief) const {
    ParallelFor(store_.num_propositions(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    RawBeliefs(
                        p, ClaimStore::kUnknownState, trust,
                        std::span<double>(*belief).subspan(index_.begin[p], index_.NumStates(p)));
                  }
                });
    DivideByMax(belief);
  }

  // T of every source from B (and, for the investment rules, from the previous T).
  void UpdateTrust(const std::vector<double>& belief, std::vector<double>* trust) const {
    const auto source = store_.claim_source();
    const auto state = store_.claim_state();
    const auto weight = store_.claim_weight();
    std::vector<double> invested;  // per slot: sum of the investments in the fact
    if (IsInvestment(rule_)) {
      invested.assign(index_.num_slots(), 0.0);
      ParallelFor(store_.num_propositions(), options_.num_threads,
                  [&](std::size_t begin, std::size_t end, int) {
                    for (std::size_t p = begin; p < end; ++p) {
                      for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
                        if (state[c] == ClaimStore::kUnknownState) continue;
                        invested[index_.claim_slot[c]] +=
                            weight[c] * (*trust)[source[c]] / index_.source_weight[source[c]];
                      }
                    }
                  });
    }
    std::vector<double> next;
    if (IsInvestment(rule_)) {
      // Each claim's share of the belief in its fact, in proportion to what it invested.
      SumPerSource(
          store_, options_.num_threads,
          [&](std::size_t c) {
            const std::uint32_t slot = index_.claim_slot[c];
            const std::uint32_t s = source[c];
            const double mine = weight[c] * (*trust)[s] / index_.source_weight[s];
            return invested[slot] > 0.0 ? belief[slot] * mine / invested[slot] : 0.0;
          },
          &next);
    } else {
      SumPerSource(
          store_, options_.num_threads,
          [&](std::size_t c) { return weight[c] * belief[index_.claim_slot[c]]; }, &next);
    }
    for (std::size_t s = 0; s < next.size(); ++s) {
      const double claims = index_.source_weight[s];
      if (claims <= 0.0) {
        next[s] = 0.0;
      } else if (rule_ == FactFinderRule::kAverageLog) {
        // log of a weighted count below 1 would be negative: floor at log 1 = 0.
        next[s] = std::log(std::max(claims, 1.0)) * next[s] / claims;
      }
    }
    DivideByMax(&next);
    *trust = std::move(next);
  }

 private:
  const ClaimStore& store_;
  const SolverOptions& options_;
  FactFinderRule rule_;
  FactIndex index_;
};

}  // namespace

Solution SolveFactFinder(const ClaimStore& store, const SolverOptions& options, FactFinderRule rule,
                         std::string_view name) {
  const auto start = std::chrono::steady_clock::now();
  Solution solution;
  SolverSummary& summary = solution.summary;
  summary.algorithm = std::string(name);
  if (FailWithoutClaims(store, &solution)) return solution;

  FactFinder finder(store, options, rule);
  const FactIndex& index = finder.index();
  std::vector<double> trust(store.num_outlets(), 0.0);
  for (std::size_t s = 0; s < trust.size(); ++s) {
    if (index.source_weight[s] > 0.0) trust[s] = 1.0;
  }
  std::vector<double> belief(index.num_slots(), 0.0);
  if (IsInvestment(rule)) {
    for (std::size_t p = 0; p < store.num_propositions(); ++p) {
      for (std::uint32_t k = 0; k < index.NumStates(p); ++k) {
        if (index.claimed[index.begin[p] + k])
          belief[index.begin[p] + k] = 1.0 / index.num_facts[p];
      }
    }
  }
  const int cap = std::min(kFactFinderIterations, options.max_iterations);
  summary.termination = TerminationType::kNoConvergence;
  for (int iteration = 1; iteration <= cap; ++iteration) {
    const std::vector<double> previous = trust;
    if (IsInvestment(rule)) {
      finder.UpdateTrust(belief, &trust);
      finder.UpdateBeliefs(trust, &belief);
    } else {
      finder.UpdateBeliefs(trust, &belief);
      finder.UpdateTrust(belief, &trust);
    }
    summary.iterations = iteration;
    summary.final_change = MaxAbsDifference(trust, previous);
    if (summary.final_change < options.tolerance) {
      summary.termination = TerminationType::kConvergence;
      break;
    }
  }
  summary.message =
      std::string("the paper runs a fixed ") + std::to_string(kFactFinderIterations) +
      " iterations (capped by max_iterations); " +
      (summary.IsConverged() ? "stopped early: no max-normalised trust moved by more than the "
                               "tolerance"
                             : "max-normalised trust was still moving by more than the "
                               "tolerance when it stopped");

  FinishFromBeliefs(
      store, options,
      [&](std::size_t p, std::uint32_t masked_group, std::span<double> out) {
        finder.RawBeliefs(p, masked_group, trust, out);
        NormalizeScores(out);
      },
      &solution);
  solution.reliability = ScaleToUnitMax(index, options, trust);
  summary.solve_seconds = SecondsSince(start);
  return solution;
}

}  // namespace credence::internal

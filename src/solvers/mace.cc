// MACE: D. Hovy, T. Berg-Kirkpatrick, A. Vaswani and E. Hovy, "Learning Whom to Trust with
// MACE", NAACL-HLT 2013.
//
// Model. The true state z_p of each proposition is uniform over its K states. Source s knows
// the answer with probability theta_s and then says it; otherwise it spams (S_c = 1) and draws
// its answer from its own strategy xi_s:
//     P(v_c | z_p = k) = theta_s [v_c = k] + (1 - theta_s) xi_s[v_c],
// raised to the claim weight w_c. A strategy needs labels that mean the same thing on every
// proposition, so xi_{s,g} is kept per source and predicate g only for booleans and declared
// domains ("values"); on other propositions a spammer picks one of the K states uniformly
// (xi = 1/K, the "none of these" state included).
// EM (the paper's plain-EM variant; variational Bayes is not implemented):
//   E-step: T_pk ∝ prod_c P(v_c | k)^{w_c}; P(claim true) = T_{p,v_c};
//           knew_c = T_{p,v_c} theta_s / (theta_s + (1 - theta_s) xi_s[v_c]) = P(S_c = 0);
//   M-step: theta_s = (eps + sum_c w_c knew_c) / (2 eps + sum_c w_c),
//           xi_{s,g}[l] ∝ eps + sum_{c by s on g, v_c = l} w_c (1 - knew_c),
// with MACE's default smoothing eps = 0.01 / K added to the fractional counts (K = the largest
// number of states in the store; the number of labels for crowd data). EM then maximises the
// log posterior under Dirichlet(1 + eps) priors, sum_p log Z_p + eps * sum log(parameters),
// which the summary traces (non-decreasing).
// Deviation: MACE starts from 10 random restarts of 50 iterations and keeps the most likely;
// here one deterministic start: one M-step from soft majority-vote posteriors
// (crowd_common.h, MajorityVoteStart) with theta_s = 0.5 and uniform strategies, then EM until
// no parameter moves by more than the tolerance or the objective moves by less than it.
// Reliability[s] = theta_s. Influences: the posterior with one evidence group left out, parameters
// held at their final values.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "solvers/crowd_common.h"
#include "solvers/registry.h"
#include "solvers/solver_common.h"
#include "util/parallel.h"

namespace credence::internal {
namespace {

constexpr double kSmoothingTotal = 0.01;
constexpr double kStartingTheta = 0.5;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// Parameters in one flat vector: theta per source, then the strategies grouped by source.
struct Layout {
  std::vector<std::size_t> claim_strategy;  // per claim; kNone when the spammer is uniform
  std::vector<std::size_t> source_begin;    // strategies of s: [source_begin[s], source_begin[s+1])
  std::vector<std::size_t> strategy_offset;
  std::vector<std::size_t> strategy_size;
  std::size_t size = 0;
  double smoothing = 0.0;
};

Layout MakeLayout(const ClaimStore& store) {
  Layout layout;
  std::uint32_t max_states = 2;
  for (const PropositionInfo& info : store.propositions()) {
    max_states = std::max(max_states, info.num_states());
  }
  layout.smoothing = kSmoothingTotal / max_states;
  layout.size = store.num_outlets();
  const auto proposition = store.claim_proposition();
  const auto state = store.claim_state();
  layout.claim_strategy.assign(store.num_claims(), kNone);
  layout.source_begin.push_back(0);
  for (std::size_t s = 0; s < store.num_outlets(); ++s) {
    std::map<std::uint32_t, std::size_t> strategy_of_predicate;
    for (std::uint32_t c : store.ClaimsOfSource(s)) {
      if (state[c] == ClaimStore::kUnknownState || !HasSharedLabels(store, proposition[c]))
        continue;
      const PropositionInfo& info = store.propositions()[proposition[c]];
      auto [it, inserted] =
          strategy_of_predicate.try_emplace(info.predicate, layout.strategy_offset.size());
      if (inserted) {
        layout.strategy_offset.push_back(layout.size);
        layout.strategy_size.push_back(info.num_states());
        layout.size += info.num_states();
      }
      layout.claim_strategy[c] = layout.strategy_offset[it->second];
    }
    layout.source_begin.push_back(layout.strategy_offset.size());
  }
  return layout;
}

class Mace {
 public:
  Mace(const ClaimStore& store, const SolverOptions& options)
      : store_(store), options_(options), layout_(MakeLayout(store)), theta_(layout_.size) {
    std::fill_n(theta_.begin(), store.num_outlets(), kStartingTheta);
    for (std::size_t m = 0; m < layout_.strategy_offset.size(); ++m) {
      std::fill_n(theta_.begin() + static_cast<std::ptrdiff_t>(layout_.strategy_offset[m]),
                  layout_.strategy_size[m], 1.0 / static_cast<double>(layout_.strategy_size[m]));
    }
  }

  double Theta(std::size_t s) const { return theta_[s]; }

  // P(source of c says v_c | z = k) for k = v_c (right) and k != v_c (wrong).
  std::pair<double, double> Likelihoods(std::uint32_t c, std::size_t num_states) const {
    const double theta = theta_[store_.claim_source()[c]];
    const double xi = Strategy(c, num_states);
    return {theta + (1.0 - theta) * xi, (1.0 - theta) * xi};
  }

  // Normalised posterior of p, leaving out `masked_group`; returns log Z.
  double Posterior(std::size_t p, std::uint32_t masked_group, std::span<double> out) const {
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto weight = store_.claim_weight();
    const std::size_t k = out.size();
    std::fill(out.begin(), out.end(), -std::log(static_cast<double>(k)));
    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
      if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
      const auto [right, wrong] = Likelihoods(c, k);
      const double log_wrong = std::log(wrong);
      for (double& x : out) x += weight[c] * log_wrong;
      out[state[c]] += weight[c] * (std::log(right) - log_wrong);
    }
    return NormalizeLogs(out);
  }

  // Posteriors at the current parameters; returns the objective.
  double EStep(StatePosteriors* posteriors) const {
    std::vector<double> log_z(store_.num_propositions());
    ParallelFor(store_.num_propositions(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    log_z[p] = Posterior(p, ClaimStore::kUnknownState, posteriors->Of(p));
                  }
                });
    double objective = 0.0;
    for (double z : log_z) objective += z;
    double log_prior = 0.0;
    for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
      log_prior += std::log(theta_[s]) + std::log1p(-theta_[s]);
    }
    for (std::size_t i = store_.num_outlets(); i < theta_.size(); ++i) {
      log_prior += std::log(theta_[i]);
    }
    return objective + layout_.smoothing * log_prior;
  }

  // Returns the largest parameter change.
  double MStep(const StatePosteriors& posteriors) {
    std::vector<double> next(theta_.size());
    const auto proposition = store_.claim_proposition();
    const auto state = store_.claim_state();
    const auto weight = store_.claim_weight();
    const double eps = layout_.smoothing;
    ParallelFor(
        store_.num_outlets(), options_.num_threads, [&](std::size_t begin, std::size_t end, int) {
          for (std::size_t s = begin; s < end; ++s) {
            for (std::size_t m = layout_.source_begin[s]; m < layout_.source_begin[s + 1]; ++m) {
              std::fill_n(next.begin() + static_cast<std::ptrdiff_t>(layout_.strategy_offset[m]),
                          layout_.strategy_size[m], eps);
            }
            double knew = 0.0;
            double total = 0.0;
            for (std::uint32_t c : store_.ClaimsOfSource(s)) {
              if (state[c] == ClaimStore::kUnknownState) continue;
              const auto t = posteriors.Of(proposition[c]);
              const auto [right, wrong] = Likelihoods(c, t.size());
              const double knew_c = t[state[c]] * (right - wrong) / right;
              knew += weight[c] * knew_c;
              total += weight[c];
              const std::size_t offset = layout_.claim_strategy[c];
              if (offset != kNone) next[offset + state[c]] += weight[c] * (1.0 - knew_c);
            }
            next[s] = (eps + knew) / (2.0 * eps + total);
            for (std::size_t m = layout_.source_begin[s]; m < layout_.source_begin[s + 1]; ++m) {
              const auto strategy = std::span<double>(next).subspan(layout_.strategy_offset[m],
                                                                    layout_.strategy_size[m]);
              double sum = 0.0;
              for (double x : strategy) sum += x;
              for (double& x : strategy) x /= sum;
            }
          }
        });
    double change = 0.0;
    for (std::size_t i = 0; i < next.size(); ++i) {
      change = std::max(change, std::abs(next[i] - theta_[i]));
    }
    theta_ = std::move(next);
    return change;
  }

 private:
  double Strategy(std::uint32_t c, std::size_t num_states) const {
    const std::size_t offset = layout_.claim_strategy[c];
    return offset == kNone ? 1.0 / static_cast<double>(num_states)
                           : theta_[offset + store_.claim_state()[c]];
  }

  const ClaimStore& store_;
  const SolverOptions& options_;
  Layout layout_;
  std::vector<double> theta_;  // theta per source, then the strategies
};

class MaceSolver final : public Solver {
 public:
  std::string_view Name() const override { return "mace"; }

  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    const auto start = std::chrono::steady_clock::now();
    Solution solution;
    SolverSummary& summary = solution.summary;
    summary.algorithm = std::string(Name());
    if (FailWithoutClaims(store, &solution)) return solution;

    Mace model(store, options);
    StatePosteriors posteriors(store);
    MajorityVoteStart(store, options.num_threads, &posteriors);
    model.MStep(posteriors);
    RunEm(
        options, [&] { return model.EStep(&posteriors); }, [&] { return model.MStep(posteriors); },
        &summary);

    FillFromPosteriors(store, options, posteriors, &solution);
    solution.reliability.resize(store.num_outlets());
    for (std::size_t s = 0; s < store.num_outlets(); ++s) {
      solution.reliability[s] =
          std::clamp(model.Theta(s), options.probability_clamp, 1.0 - options.probability_clamp);
    }
    ComputeModelInfluences(store, options, model, &solution);
    summary.solve_seconds = SecondsSince(start);
    return solution;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeMaceSolver() { return std::make_unique<MaceSolver>(); }

}  // namespace credence::internal

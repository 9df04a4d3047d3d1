// WAWA, "worker agreement with aggregate", as implemented in crowd-kit (Toloka,
// crowdkit.aggregation.classification.Wawa); there is no paper to cite.
//
// Not iterative beyond one round:
//   1. majority vote: the states with the most claim weight win;
//   2. each source's skill is its weighted agreement with those winners,
//          q_s = sum_c w_c a_c / sum_c w_c   (unsmoothed, as in crowd-kit),
//      a_c = 1 / t when v_c is one of the t states that share the top vote, else 0;
//   3. a weighted vote with those skills: P(z_p = k) = sum_{c: v_c = k} w_c q_s / sum_c w_c q_s.
// If every source on a proposition has skill 0 the plain vote shares are kept.
// Deviation: crowd-kit takes one winner per item, so a tie makes one value the aggregate (at
// random there; by value text here before), and on five single sources that all disagree the
// source that happened to win gets skill 1, the others 0, and its value p = 1.0. Splitting the
// agreement over the tied states keeps a perfect tie a tie: equal skills, equal probabilities. A
// claim's probability is its state's share of the weighted vote; reliability[s] = q_s (a source
// with no scorable claim gets the prior mean alpha / (alpha + beta)). The summary reports one
// iteration, converged, and no objective. Influences: the weighted vote with one evidence group
// left out, skills held fixed (the first-round winners are not recomputed).
#include <algorithm>
#include <chrono>
#include <cmath>
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

// Skill-weighted vote shares of p without `masked_group`; the plain shares if no skill is left.
void WeightedShares(const ClaimStore& store, const std::vector<double>& skill, std::size_t p,
                    std::uint32_t masked_group, std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  const auto state = store.claim_state();
  const auto group = store.claim_group();
  const auto source = store.claim_source();
  const auto weight = store.claim_weight();
  double total = 0.0;
  for (std::uint32_t c : store.ClaimsOfProposition(p)) {
    if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
    out[state[c]] += weight[c] * skill[source[c]];
    total += weight[c] * skill[source[c]];
  }
  if (total > 0.0) {
    for (double& x : out) x /= total;
  } else {
    VoteShares(store, p, masked_group, out);
  }
}

class WawaSolver final : public Solver {
 public:
  std::string_view Name() const override { return "wawa"; }

  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    const auto start = std::chrono::steady_clock::now();
    Solution solution;
    SolverSummary& summary = solution.summary;
    summary.algorithm = std::string(Name());
    if (FailWithoutClaims(store, &solution)) return solution;

    const std::size_t num_propositions = store.num_propositions();
    StatePosteriors posteriors(store);
    // Per proposition: the top vote share and how many states share it.
    std::vector<double> top_share(num_propositions, 0.0);
    std::vector<double> num_top(num_propositions, 1.0);
    ParallelFor(num_propositions, options.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    const std::span<double> shares = posteriors.Of(p);
                    VoteShares(store, p, ClaimStore::kUnknownState, shares);
                    top_share[p] = *std::max_element(shares.begin(), shares.end());
                    num_top[p] =
                        static_cast<double>(std::count(shares.begin(), shares.end(), top_share[p]));
                  }
                });

    std::vector<double>& skill = solution.reliability;
    skill.assign(store.num_outlets(), 0.0);
    const auto state = store.claim_state();
    const auto proposition = store.claim_proposition();
    const auto weight = store.claim_weight();
    ParallelFor(
        store.num_outlets(), options.num_threads, [&](std::size_t begin, std::size_t end, int) {
          for (std::size_t s = begin; s < end; ++s) {
            double agree = 0.0;
            double total = 0.0;
            for (std::uint32_t c : store.ClaimsOfSource(s)) {
              if (state[c] == ClaimStore::kUnknownState) continue;
              total += weight[c];
              const std::size_t p = proposition[c];
              if (posteriors.Of(p)[state[c]] == top_share[p]) agree += weight[c] / num_top[p];
            }
            skill[s] = total > 0.0 ? agree / total : PosteriorMeanReliability(options, 0.0, 0.0);
          }
        });

    ParallelFor(num_propositions, options.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    WeightedShares(store, skill, p, ClaimStore::kUnknownState, posteriors.Of(p));
                  }
                });
    FillFromPosteriors(store, options, posteriors, &solution);
    summary.iterations = 1;
    summary.termination = TerminationType::kConvergence;
    summary.message = "not iterative: majority vote, agreement with it, one weighted vote";
    ComputeInfluences(
        store, options,
        [&](std::size_t p, std::uint32_t group, std::vector<double>* out) {
          std::vector<double> shares(store.propositions()[p].num_states());
          WeightedShares(store, skill, p, group, shares);
          ClaimProbabilitiesOf(store, p, shares, out);
        },
        &solution);
    // Reported reliabilities stay in the open unit interval like every other solver's.
    for (double& q : skill) {
      q = std::clamp(q, options.probability_clamp, 1.0 - options.probability_clamp);
    }
    summary.solve_seconds = SecondsSince(start);
    return solution;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeWawaSolver() { return std::make_unique<WawaSolver>(); }

}  // namespace credence::internal

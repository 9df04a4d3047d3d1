// Majority vote, the baseline every truth-discovery paper reports.
//
// Each evidence group casts its claims' weights (confidence / group size, so one vote per
// ordinary claim) for the state it asserts; a proposition's truth is the state with the most
// weight, ties going to the smallest value text (byte order), the rule under which the public
// crowd data sets publish their majority-vote figures. A claim's probability is its state's
// share of the votes, a source's reliability the Beta-smoothed weight of its claims that agree
// with the majority:  a_s = (alpha + sum_c w_c g_c) / (alpha + beta + sum_c w_c), g_c = 1 / t
// when v_c is one of the t states that share the top vote (1 without a tie), else 0: a tie
// broken by value text must not make the source that happens to win more reliable.
// Time is ignored: every proposition gets one segment.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_common.h"
#include "util/parallel.h"

namespace credence::internal {
namespace {

// Vote weight per state of proposition p, leaving out `masked_group`.
std::vector<double> CountVotes(const ClaimStore& store, std::size_t p, std::uint32_t masked_group) {
  std::vector<double> votes(store.propositions()[p].num_states(), 0.0);
  const auto state = store.claim_state();
  const auto group = store.claim_group();
  const auto weight = store.claim_weight();
  for (std::uint32_t c : store.ClaimsOfProposition(p)) {
    if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
    votes[state[c]] += weight[c];
  }
  return votes;
}

std::uint32_t Winner(const ClaimStore& store, std::size_t p, const std::vector<double>& votes) {
  const std::span<const Value> values = store.ValuesOf(p);
  std::uint32_t best = 0;
  for (std::uint32_t s = 1; s < values.size(); ++s) {
    if (votes[s] > votes[best] ||
        (votes[s] == votes[best] && values[s].ToDisplay() < values[best].ToDisplay())) {
      best = s;
    }
  }
  return best;
}

void VoteShares(const ClaimStore& store, std::size_t p, const std::vector<double>& votes,
                std::vector<double>* out) {
  double total = 0.0;
  for (double v : votes) total += v;
  const auto claims = store.ClaimsOfProposition(p);
  const auto state = store.claim_state();
  out->assign(claims.size(), std::nan(""));
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const std::uint32_t s = state[claims[i]];
    if (s != ClaimStore::kUnknownState && total > 0.0) (*out)[i] = votes[s] / total;
  }
}

class MajorityVoteSolver final : public Solver {
 public:
  std::string_view Name() const override { return "majority-vote"; }

  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    const auto start = std::chrono::steady_clock::now();
    Solution solution;
    SolverSummary& summary = solution.summary;
    summary.algorithm = std::string(Name());
    if (store.num_claims() == 0) {
      summary.termination = TerminationType::kUserFailure;
      summary.message = "there are no claims to score";
      return solution;
    }
    const std::size_t num_propositions = store.num_propositions();
    solution.claim_probability.assign(store.num_claims(), std::nan(""));
    solution.timelines.assign(num_propositions, {});
    std::vector<std::uint32_t> winner(num_propositions);
    ParallelFor(
        num_propositions, options.num_threads, [&](std::size_t begin, std::size_t end, int) {
          std::vector<double> shares;
          for (std::size_t p = begin; p < end; ++p) {
            const std::vector<double> votes = CountVotes(store, p, ClaimStore::kUnknownState);
            winner[p] = Winner(store, p, votes);
            VoteShares(store, p, votes, &shares);
            const auto claims = store.ClaimsOfProposition(p);
            for (std::size_t i = 0; i < claims.size(); ++i)
              solution.claim_probability[claims[i]] = shares[i];
            double total = 0.0;
            for (double v : votes) total += v;
            const double share = total > 0.0 ? votes[winner[p]] / total : 0.0;
            solution.timelines[p] = {
                {winner[p], 0, static_cast<std::uint32_t>(claims.size() - 1), share}};
          }
        });

    // Reliability: agreement with the majority, split over tied states.
    std::vector<double> agrees(store.num_claims(), std::nan(""));
    const auto state = store.claim_state();
    for (std::size_t p = 0; p < num_propositions; ++p) {
      const std::vector<double> votes = CountVotes(store, p, ClaimStore::kUnknownState);
      const double top = votes[winner[p]];
      const double tied = static_cast<double>(std::count(votes.begin(), votes.end(), top));
      for (std::uint32_t c : store.ClaimsOfProposition(p)) {
        if (state[c] != ClaimStore::kUnknownState)
          agrees[c] = votes[state[c]] == top ? 1.0 / tied : 0.0;
      }
    }
    AccumulateSourceEvidence(store, agrees, &solution.true_weight, &solution.total_weight);
    solution.reliability.resize(store.num_outlets());
    for (std::size_t s = 0; s < store.num_outlets(); ++s) {
      solution.reliability[s] =
          PosteriorMeanReliability(options, solution.true_weight[s], solution.total_weight[s]);
    }
    summary.iterations = 1;
    summary.termination = TerminationType::kConvergence;
    summary.message = "majority vote is not iterative: one counting pass";

    ComputeInfluences(
        store, options,
        [&](std::size_t p, std::uint32_t group, std::vector<double>* out) {
          VoteShares(store, p, CountVotes(store, p, group), out);
        },
        &solution);
    summary.solve_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return solution;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeMajorityVoteSolver() { return std::make_unique<MajorityVoteSolver>(); }

}  // namespace credence::internal

// Pieces shared by the classic truth-discovery solvers (Sums, Average-Log, Investment,
// PooledInvestment, TruthFinder, 2-/3-Estimates, CRH, CATD): the bipartite graph of sources and
// facts, where a fact is one claimed state of one proposition and the facts of a proposition are
// mutually exclusive, and the common way of turning per-proposition beliefs into a Solution.
#ifndef CREDENCE_SOLVERS_FACT_FINDING_H_
#define CREDENCE_SOLVERS_FACT_FINDING_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "credence/claim_store.h"
#include "credence/solver.h"

namespace credence::internal {

// One slot per (proposition, state), states of p at [Begin(p), Begin(p) + num_states); a slot is
// a fact when some scorable claim asserts it ("none of these" never is).
struct FactIndex {
  std::vector<std::uint32_t> begin;       // per proposition, plus one
  std::vector<bool> claimed;              // per slot
  std::vector<double> num_facts;          // per proposition: how many slots are facts
  std::vector<std::uint32_t> claim_slot;  // per claim; ClaimStore::kUnknownState if unscorable
  std::vector<double> source_weight;      // per source: sum of w_c over its scorable claims

  std::size_t num_slots() const { return claimed.size(); }
  std::size_t NumStates(std::size_t p) const { return begin[p + 1] - begin[p]; }
};

FactIndex BuildFactIndex(const ClaimStore& store);

// Per-proposition belief over its states (positions 0..num_states-1), computed from the solver's
// final source parameters, leaving out the claims of `masked_group` (ClaimStore::kUnknownState
// keeps all). Used for the output and, with a group masked, for the influences.
using BeliefFunction =
    std::function<void(std::size_t p, std::uint32_t masked_group, std::span<double> out)>;

// Fills claim_probability, one-segment timelines (argmax, ties to the smallest value text),
// true/total weight and influences from `belief`. Reliability and the summary are left to the
// caller.
void FinishFromBeliefs(const ClaimStore& store, const SolverOptions& options,
                       const BeliefFunction& belief, Solution* solution);

// Scores >= 0 of p's states divided by their sum; uniform over the states when the sum is not
// positive (nothing to go on).
void NormalizeScores(std::span<double> scores);

// Source scores divided by the largest score of a source with scorable claims (floored at 0);
// sources without scorable claims get the prior mean alpha / (alpha + beta).
std::vector<double> ScaleToUnitMax(const FactIndex& index, const SolverOptions& options,
                                   std::span<const double> score);

double MaxAbsDifference(std::span<const double> a, std::span<const double> b);

}  // namespace credence::internal

#endif  // CREDENCE_SOLVERS_FACT_FINDING_H_

// Pieces shared by several solvers.
#ifndef CREDENCE_SOLVERS_SOLVER_COMMON_H_
#define CREDENCE_SOLVERS_SOLVER_COMMON_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "credence/claim_store.h"
#include "credence/solver.h"
#include "util/chunked_reduce.h"

namespace credence::internal {

// Weighted evidence per content source from claim probabilities: true_weight[s] = sum of w * p,
// total_weight[s] = sum of w, over the claims whose content source is s and which could be
// scored. Relaying publishers get nothing: they are judged on faithful relay, not on content.
void AccumulateSourceEvidence(const ClaimStore& store, std::span<const double> claim_probability,
                              std::vector<double>* true_weight, std::vector<double>* total_weight);

// out[s] = sum of term(c) over the claims c whose content source is s and whose state is known,
// streamed over the claims in index order and reduced over fixed chunks: sequential memory
// access, and the same result for any thread count.
template <typename Term>
void SumPerSource(const ClaimStore& store, int num_threads, const Term& term,
                  std::vector<double>* out) {
  const auto source = store.claim_source();
  const auto state = store.claim_state();
  out->assign(store.num_outlets(), 0.0);
  ChunkedReduce reduce(store.num_claims(), store.num_outlets(), std::size_t{1} << 16);
  reduce.Run(
      num_threads,
      [&](std::size_t begin, std::size_t end, std::span<double> partial) {
        for (std::size_t c = begin; c < end; ++c) {
          if (state[c] != ClaimStore::kUnknownState) partial[source[c]] += term(c);
        }
      },
      *out);
}

// Beta-posterior mean (alpha + t) / (alpha + beta + n), clamped away from 0 and 1.
double PosteriorMeanReliability(const SolverOptions& options, double true_weight,
                                double total_weight);

// The distinct evidence groups on a proposition with a known state, in order of first claim.
std::vector<std::uint32_t> GroupsOfProposition(const ClaimStore& store, std::size_t proposition);

// Fills solution->influences for every proposition with at most options.explain_max_groups
// groups: for each group g, `probabilities_without(p, g, out)` writes the probabilities of the
// proposition's claims (positions of ClaimsOfProposition(p)) when g is left out; the influence of
// g on another claim c is p(c) - p(c without g).
using LeaveOneOut =
    std::function<void(std::size_t proposition, std::uint32_t group, std::vector<double>* out)>;
void ComputeInfluences(const ClaimStore& store, const SolverOptions& options,
                       const LeaveOneOut& probabilities_without, Solution* solution);

}  // namespace credence::internal

#endif  // CREDENCE_SOLVERS_SOLVER_COMMON_H_

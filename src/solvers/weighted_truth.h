// CRH (Li et al., SIGMOD 2014) and CATD (Li et al., PVLDB 2014) alternate the same two steps:
// source weights from each source's loss against the current truths, truths by weighted
// aggregation of the claims. crh.cc and catd.cc pick the weight rule and the aggregation; the
// shared iteration is in weighted_truth.cc.
#ifndef CREDENCE_SOLVERS_WEIGHTED_TRUTH_H_
#define CREDENCE_SOLVERS_WEIGHTED_TRUTH_H_

#include <string_view>

#include "credence/claim_store.h"
#include "credence/solver.h"

namespace credence::internal {

enum class WeightRule {
  kCrh,   // w_s = -log(L_s / sum L), absolute deviation and weighted median for quantities
  kCatd,  // w_s = chi2_{alpha/2}(|C_s|) / L_s, squared deviation and weighted mean
};

// CATD's significance level.
inline constexpr double kCatdAlpha = 0.05;

Solution SolveWeightedTruth(const ClaimStore& store, const SolverOptions& options, WeightRule rule,
                            std::string_view name);

}  // namespace credence::internal

#endif  // CREDENCE_SOLVERS_WEIGHTED_TRUTH_H_

// CATD: Q. Li, Y. Li, J. Gao, L. Su, B. Zhao, M. Demirbas, W. Fan and J. Han, "A Confidence-Aware
// Approach for Truth Discovery on Long-Tail Data", PVLDB 8(4), 2014.
//
// A source's weight is the reciprocal of the upper end of the (1 - alpha) confidence interval of
// its error variance, so that sources with few claims are not trusted on little evidence:
//   W_s = chi2_{(alpha/2, |C_s|)} / sum_{c in C_s} w_c d_c,   alpha = 0.05,
// chi2_{(alpha/2, n)} the alpha/2 quantile of the chi-squared distribution with n degrees of
// freedom and |C_s| = sum of w_c over s's scorable claims. Truths: weighted vote with 0-1 loss
// for categorical propositions; for quantities the weighted mean of the claimed magnitudes (the
// minimiser of the squared loss), with d = (x_c - x*)^2 / sd_p^2, reported as the claimed value
// nearest to the mean. Deviation: the paper's squared loss is not scaled; we divide by the
// variance of the proposition's claims, as CRH does, so that propositions on different scales
// weigh alike. Start: majority vote / mean (all W_s = 1). Stops with kConvergence when no
// max-normalised weight moves by more than the tolerance; log_likelihood traces the objective
// sum_s W_s L_s. Output as in crh.cc: weighted vote shares as claim probabilities, the truth as
// the timeline state, W_s / max W as reliability, leave-one-group-out influences.
#include <memory>
#include <string_view>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/weighted_truth.h"

namespace credence::internal {
namespace {

class CatdSolver final : public Solver {
 public:
  std::string_view Name() const override { return "catd"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    return SolveWeightedTruth(store, options, WeightRule::kCatd, Name());
  }
};

}  // namespace

std::unique_ptr<Solver> MakeCatdSolver() { return std::make_unique<CatdSolver>(); }

}  // namespace credence::internal

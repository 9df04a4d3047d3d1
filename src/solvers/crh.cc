// CRH: Q. Li, Y. Li, J. Gao, B. Zhao, W. Fan and J. Han, "Resolving Conflicts in Heterogeneous
// Data by Truth Discovery and Source Reliability Estimation", SIGMOD 2014.
//
// Block coordinate descent on sum_s W_s sum_{c in C_s} d(v_c, truth_{p_c}) subject to
// sum_s exp(-W_s) = 1:
//   weights: W_s = -log(L_s / sum_{s'} L_{s'}),  L_s = sum_{c in C_s} w_c d_c;
//   truths:  categorical propositions: weighted vote, d = 0-1 loss;
//            quantity propositions: the weighted median of the claimed magnitudes (the minimiser
//            of the paper's normalised absolute deviation d = |x_c - x*| / sd_p), reported as the
//            claimed value nearest to it.
// Start: majority vote / median (all W_s = 1), as in the paper. Stops with kConvergence when no
// max-normalised weight moves by more than the tolerance; log_likelihood traces the objective
// (which CRH minimises). Output: a claim's probability is its state's weighted vote share
// sum_{c on the state} w_c W_{s_c} / sum_{c on p} w_c W_{s_c} (CRH gives truths, not
// probabilities); timeline state: the truth (for quantities the weighted-median value, which may
// differ from the state with the largest share), probability its share; reliability W_s / max W.
// Influences: vote shares with one evidence group left out, weights held fixed. Shared code and
// deviations (loss floor) in weighted_truth.cc.
#include <memory>
#include <string_view>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/weighted_truth.h"

namespace credence::internal {
namespace {

class CrhSolver final : public Solver {
 public:
  std::string_view Name() const override { return "crh"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    return SolveWeightedTruth(store, options, WeightRule::kCrh, Name());
  }
};

}  // namespace

std::unique_ptr<Solver> MakeCrhSolver() { return std::make_unique<CrhSolver>(); }

}  // namespace credence::internal

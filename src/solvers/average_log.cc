// Average-Log, from J. Pasternack and D. Roth, "Knowing What to Believe (when you already know
// something)", COLING 2010.
//
// Updates (w_c the claim weight, C_s the claims of s, |C_s| = sum of w_c over C_s):
//   B^i(f) = sum_{c in S_f} w_c T^{i-1}(s_c),
//   T^i(s) = log|C_s| * sum_{c in C_s} w_c B^i(f_c) / |C_s|,
// each divided by its maximum after every step; T^0(s) = 1. Deviation: log|C_s| is floored at 0
// (a weighted claim count below 1 would make trust negative); a source with one claim has trust 0
// as in the paper.
// Output (all four Pasternack-Roth fact-finders): beliefs are scores, not probabilities, so a
// claim's probability is its fact's final belief divided by the sum over the proposition's
// states (uniform when all are 0); reliability is T(s) / max T; true/total weight come from those
// claim probabilities. Iterations: the paper's fixed 20 (min with max_iterations); kConvergence
// only when no max-normalised trust moved by more than the tolerance in an iteration, which also
// stops early. No objective (log_likelihood empty). Influences: the proposition's normalised
// beliefs with one evidence group left out, final trust held fixed.
#include <memory>
#include <string_view>

#include "credence/solver.h"
#include "solvers/pasternack_roth.h"
#include "solvers/registry.h"

namespace credence::internal {
namespace {

class AverageLogSolver final : public Solver {
 public:
  std::string_view Name() const override { return "average-log"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    return SolveFactFinder(store, options, FactFinderRule::kAverageLog, Name());
  }
};

}  // namespace

std::unique_ptr<Solver> MakeAverageLogSolver() { return std::make_unique<AverageLogSolver>(); }

}  // namespace credence::internal

// Investment, from J. Pasternack and D. Roth, "Knowing What to Believe (when you already know
// something)", COLING 2010.
//
// Each source invests its trust uniformly in its claims and is paid back each claim's belief in
// proportion to its share of the investment; belief grows non-linearly in the investment:
//   T^i(s) = sum_{c in C_s} B^{i-1}(f_c) * inv(c) / sum_{c' in S_{f_c}} inv(c'),
//   inv(c) = w_c T^{i-1}(s_c) / |C_{s_c}|,
//   B^i(f) = G(sum_{c in S_f} w_c T^i(s_c) / |C_{s_c}|),  G(x) = x^1.2 (the paper's g = 1.2).
// T^0(s) = 1, B^0(f) = 1/|M_f| (uniform over the proposition's claimed values: no prior
// knowledge); T and B are divided by their maximum after every step (the rules are homogeneous,
// so no ratio changes).
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

class InvestmentSolver final : public Solver {
 public:
  std::string_view Name() const override { return "investment"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    return SolveFactFinder(store, options, FactFinderRule::kInvestment, Name());
  }
};

}  // namespace

std::unique_ptr<Solver> MakeInvestmentSolver() { return std::make_unique<InvestmentSolver>(); }

}  // namespace credence::internal

// Sums (Hubs and Authorities adapted to fact-finding), after J. Pasternack and D. Roth, "Knowing
// What to Believe (when you already know something)", COLING 2010 (from J. Kleinberg,
// "Authoritative Sources in a Hyperlinked Environment", JACM 1999).
//
// Updates (w_c the claim weight, C_s the claims of s, S_f the claims asserting fact f):
//   B^i(f) = sum_{c in S_f} w_c T^{i-1}(s_c),   T^i(s) = sum_{c in C_s} w_c B^i(f_c),
// each divided by its maximum after every step, as in the paper; T^0(s) = 1.
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

class SumsSolver final : public Solver {
 public:
  std::string_view Name() const override { return "sums"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    return SolveFactFinder(store, options, FactFinderRule::kSums, Name());
  }
};

}  // namespace

std::unique_ptr<Solver> MakeSumsSolver() { return std::make_unique<SumsSolver>(); }

}  // namespace credence::internal

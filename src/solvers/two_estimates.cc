// 2-Estimates: A. Galland, S. Abiteboul, A. Marian and P. Senellart, "Corroborating Information
// from Disagreeing Views", WSDM 2010.
//
// Each source s has an error rate eps(s), each fact f a truth value theta(f); a source that
// states a value of a proposition says every other value false (w_c the claim weight):
//   theta(f) = sum_{c on f's proposition} w_c ([c says f] (1 - eps(s_c)) + [else] eps(s_c))
//              / sum w_c,
//   eps(s)   = sum_{c in C_s} w_c sum_{f in F(c)} ([c says f] (1 - theta(f)) + [else] theta(f))
//              / sum_{c in C_s} w_c |F(c)|,
// theta followed by the paper's normalisation step: a linear map of the truth values onto
// [0, 1] (smallest to 0, largest to 1); error rates are left as computed (see galland.cc for
// why). Start: eps = 0.2 (trust 0.8) for every source; with equal error rates the first theta is
// a linear function of the vote share, so after normalisation any start below 1/2 gives the same
// run. The shared iteration is in galland.cc.
// Output: theta from the final parameters, normalised onto [0, 1] as above and then divided by
// its sum over the proposition's states (theta is a truth score per fact, not a distribution;
// "none of these" gets 0); reliability = 1 - eps(s) clamped to [0, 1] (sources without scorable
// claims: the prior mean). Stops with kConvergence
// when no estimate moved by more than the tolerance in an iteration, else after max_iterations.
// No objective. Influences: the proposition's normalised theta with one evidence group left
// out, parameters and the final normalisation range held fixed.
#include <memory>
#include <string_view>

#include "credence/solver.h"
#include "solvers/galland.h"
#include "solvers/registry.h"

namespace credence::internal {
namespace {

class TwoEstimatesSolver final : public Solver {
 public:
  std::string_view Name() const override { return "two-estimates"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    return SolveCorroboration(store, options, /*with_difficulty=*/false, Name());
  }
};

}  // namespace

std::unique_ptr<Solver> MakeTwoEstimatesSolver() { return std::make_unique<TwoEstimatesSolver>(); }

}  // namespace credence::internal

// 3-Estimates: A. Galland, S. Abiteboul, A. Marian and P. Senellart, "Corroborating Information
// from Disagreeing Views", WSDM 2010.
//
// 2-Estimates with a difficulty phi(f) per fact: source s errs on f with probability
// eps(s) phi(f). Updates, in this order, each followed by the linear normalisation onto [0, 1]:
//   theta(f) = sum_{c on f's proposition} w_c ([c says f] (1 - eps(s_c) phi(f))
//              + [else] eps(s_c) phi(f)) / sum w_c,
//   phi(f)   = sum_{c on f's proposition} w_c ([c says f] (1 - theta(f)) + [else] theta(f))
//              / eps(s_c) / sum w_c,
//   eps(s)   = sum_{c in C_s} w_c sum_{f in F(c)} ([c says f] (1 - theta(f)) + [else] theta(f))
//              / phi(f) / sum_{c in C_s} w_c |F(c)|.
// Start: eps = 0.2 (trust 0.8) and phi = 0.5 everywhere. Deviation: the updates divide by
// max(eps, 0.01) and max(phi, 0.01), since the normalisation sends the smallest of each to 0.
// The shared iteration is in galland.cc.
// Output: theta from the final parameters, normalised onto [0, 1] as above and then divided by
// its sum over the proposition's states (theta is a truth score per fact, not a distribution;
// "none of these" gets 0); reliability = 1 - eps(s), so the best source after normalisation has
// 1 and the worst 0 (sources without scorable claims: the prior mean). Stops with kConvergence
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

class ThreeEstimatesSolver final : public Solver {
 public:
  std::string_view Name() const override { return "three-estimates"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    return SolveCorroboration(store, options, /*with_difficulty=*/true, Name());
  }
};

}  // namespace

std::unique_ptr<Solver> MakeThreeEstimatesSolver() {
  return std::make_unique<ThreeEstimatesSolver>();
}

}  // namespace credence::internal

// 2-Estimates and 3-Estimates of A. Galland, S. Abiteboul, A. Marian and P. Senellart,
// "Corroborating Information from Disagreeing Views", WSDM 2010, share one fixpoint iteration;
// two_estimates.cc and three_estimates.cc pick the variant. The formulas are in galland.cc.
#ifndef CREDENCE_SOLVERS_GALLAND_H_
#define CREDENCE_SOLVERS_GALLAND_H_

#include <string_view>

#include "credence/claim_store.h"
#include "credence/solver.h"

namespace credence::internal {

// Starting error rate of every source (trust 0.8) and, for 3-Estimates, difficulty of every fact.
inline constexpr double kInitialError = 0.2;
inline constexpr double kInitialDifficulty = 0.5;

Solution SolveCorroboration(const ClaimStore& store, const SolverOptions& options,
                            bool with_difficulty, std::string_view name);

}  // namespace credence::internal

#endif  // CREDENCE_SOLVERS_GALLAND_H_

// The four fact-finders of J. Pasternack and D. Roth, "Knowing What to Believe (when you already
// know something)", COLING 2010, share one iteration: trust of sources from belief in their
// claims and back. sums.cc, average_log.cc, investment.cc and pooled_investment.cc each pick one
// update rule; the formulas are in those files and in pasternack_roth.cc.
#ifndef CREDENCE_SOLVERS_PASTERNACK_ROTH_H_
#define CREDENCE_SOLVERS_PASTERNACK_ROTH_H_

#include <string_view>

#include "credence/claim_store.h"
#include "credence/solver.h"

namespace credence::internal {

enum class FactFinderRule { kSums, kAverageLog, kInvestment, kPooledInvestment };

// The paper runs every fact-finder for a fixed number of iterations.
inline constexpr int kFactFinderIterations = 20;

Solution SolveFactFinder(const ClaimStore& store, const SolverOptions& options, FactFinderRule rule,
                         std::string_view name);

}  // namespace credence::internal

#endif  // CREDENCE_SOLVERS_PASTERNACK_ROTH_H_

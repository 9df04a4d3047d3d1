#include <gtest/gtest.h>

#include <cmath>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

TEST(AverageLog, FirstIterationByHand) {
  // T0 = 1. B: red 2, blue 1, green 2 -> / 2: 1, 0.5, 1.
  // T(A) = log 2 * (1 + 1) / 2, T(B) = log 1 * 1 = 0, T(C) = log 2 * (0.5 + 1) / 2
  // -> / max: 1, 0, 0.75. Output: x: red 1 + 0 = 1, blue 0.75 -> 4/7, 3/7.
  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeAverageLogSolver()->Solve(store, options);
  EXPECT_NEAR(solution.reliability[0], 1.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 0.0, 1e-12);
  EXPECT_NEAR(solution.reliability[2], 0.75, 1e-12);
  EXPECT_NEAR(solution.claim_probability[0], 4.0 / 7.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], 3.0 / 7.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[4], 1.0, 1e-12);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
}

CREDENCE_SOLVER_PROPERTY_TESTS(AverageLogProperties, internal::MakeAverageLogSolver)

}  // namespace
}  // namespace credence

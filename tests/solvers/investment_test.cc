#include <gtest/gtest.h>

#include <cmath>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

TEST(Investment, FirstIterationByHand) {
  // T0 = 1; B0 uniform over each proposition's claimed values: red 1/2, blue 1/2, green 1.
  // Investments T/|C_s|: A 1/2 per claim, B 1, C 1/2; pooled per fact: red 1.5, blue 0.5,
  // green 1. T(A) = 1/2 * 0.5/1.5 + 1 * 0.5/1 = 2/3, T(B) = 1/2 * 1/1.5 = 1/3,
  // T(C) = 1/2 * 0.5/0.5 + 1 * 0.5/1 = 1 (already max 1).
  // Output: H(red) = 2/3 / 2 + 1/3 = 2/3, H(blue) = 1/2; B = H^1.2.
  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeInvestmentSolver()->Solve(store, options);
  EXPECT_NEAR(solution.reliability[0], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.reliability[2], 1.0, 1e-12);
  const double red = std::pow(2.0 / 3.0, 1.2);
  const double blue = std::pow(0.5, 1.2);
  EXPECT_NEAR(solution.claim_probability[0], red / (red + blue), 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], blue / (red + blue), 1e-12);
  EXPECT_NEAR(solution.claim_probability[3], 1.0, 1e-12);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
}

CREDENCE_SOLVER_PROPERTY_TESTS(InvestmentProperties, internal::MakeInvestmentSolver)

}  // namespace
}  // namespace credence

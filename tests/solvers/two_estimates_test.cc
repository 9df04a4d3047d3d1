#include <gtest/gtest.h>

#include <cmath>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

TEST(TwoEstimates, FirstIterationByHand) {
  // eps0 = 0.2. x: theta(red) = (0.8 + 0.8 + 0.2) / 3 = 0.6, theta(blue) = (0.2 + 0.2 + 0.8) / 3
  // = 0.4; y: theta(green) = 0.8. Normalised onto [0, 1]: red 0.5, blue 0, green 1.
  // eps(A) = ((1 - 0.5) + 0 + (1 - 1)) / 3 = 1/6, eps(B) = ((1 - 0.5) + 0) / 2 = 1/4,
  // eps(C) = (0.5 + (1 - 0) + (1 - 1)) / 3 = 1/2 (error rates are not normalised).
  // Output theta: red (5/6 + 3/4 + 1/2) / 3 = 25/36, blue (1/6 + 1/4 + 1/2) / 3 = 11/36,
  // green (5/6 + 1/2) / 2 = 24/36; normalised: red 1, blue 0, green 13/14 -> per proposition:
  // red 1, blue 0, green 1.
  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeTwoEstimatesSolver()->Solve(store, options);
  EXPECT_NEAR(solution.reliability[0], 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 0.75, 1e-12);
  EXPECT_NEAR(solution.reliability[2], 0.5, 1e-12);
  EXPECT_NEAR(solution.claim_probability[0], 1.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], 0.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[3], 1.0, 1e-12);
  EXPECT_NEAR(solution.summary.final_change, 0.3, 1e-12);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
}

TEST(TwoEstimates, ThreeSourcesAgainstOne) {
  // A, B, C say "a", D says "b" on every item: D ends with the largest error, "a" wins.
  testing::DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Outlet("D").Predicate("v", ValueKind::kCategory);
  for (const char* item : {"i", "j", "k"}) {
    for (const char* s : {"A", "B", "C"}) builder.Claim(s, item, "v", Value::Category("a"));
    builder.Claim("D", item, "v", Value::Category("b"));
  }
  const Solution solution = internal::MakeTwoEstimatesSolver()->Solve(builder.Store(), {});
  EXPECT_TRUE(solution.summary.IsConverged());
  EXPECT_EQ(solution.reliability[0], solution.reliability[1]);
  EXPECT_GT(solution.reliability[0], solution.reliability[3]);
  // theta("a") is the largest truth value (1 after normalisation), theta("b") the smallest (0).
  EXPECT_NEAR(solution.claim_probability[0], 1.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[3], 0.0, 1e-12);
}

CREDENCE_SOLVER_PROPERTY_TESTS(TwoEstimatesProperties, internal::MakeTwoEstimatesSolver)

}  // namespace
}  // namespace credence

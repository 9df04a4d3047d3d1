#include <gtest/gtest.h>

#include <cmath>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

TEST(Sums, FirstIterationByHand) {
  // T0 = 1. B(x=red) = 2, B(x=blue) = 1, B(y=green) = 2 -> / 2: 1, 0.5, 1.
  // T(A) = 1 + 1 = 2, T(B) = 1, T(C) = 0.5 + 1 = 1.5 -> / 2: 1, 0.5, 0.75.
  // Output beliefs from that T: x: red 1 + 0.5, blue 0.75 -> 2/3, 1/3; y: green alone -> 1.
  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeSumsSolver()->Solve(store, options);
  EXPECT_NEAR(solution.reliability[0], 1.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 0.5, 1e-12);
  EXPECT_NEAR(solution.reliability[2], 0.75, 1e-12);
  EXPECT_NEAR(solution.claim_probability[0], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[3], 1.0, 1e-12);
  EXPECT_NEAR(solution.summary.final_change, 0.5, 1e-12);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
  EXPECT_TRUE(solution.summary.log_likelihood.empty());
}

TEST(Sums, RunsThePapersTwentyIterationsAtMost) {
  const ClaimStore store = testing::PerfectSourceStore(false);
  SolverOptions options;
  options.tolerance = 1e-300;  // never met
  const Solution solution = internal::MakeSumsSolver()->Solve(store, options);
  EXPECT_EQ(solution.summary.iterations, 20);
  EXPECT_FALSE(solution.summary.IsConverged());
  EXPECT_NE(solution.summary.message.find("fixed 20 iterations"), std::string::npos);
}

TEST(Sums, InfluenceOfTheOtherGroup) {
  // With final trust fixed, leaving out B's red group leaves x: red T(A), blue T(C).
  const ClaimStore store = testing::SmallStore();
  const Solution solution = internal::MakeSumsSolver()->Solve(store, SolverOptions{});
  const double ta = solution.reliability[0];
  const double tb = solution.reliability[1];
  const double tc = solution.reliability[2];
  // Claim 0 (A, red): with B's group gone, p(red) = ta / (ta + tc).
  bool found = false;
  for (const Influence& influence : solution.influences[0]) {
    if (influence.group == store.claim_group()[1]) {
      found = true;
      EXPECT_NEAR(influence.delta, (ta + tb) / (ta + tb + tc) - ta / (ta + tc), 1e-12);
    }
  }
  EXPECT_TRUE(found);
}

CREDENCE_SOLVER_PROPERTY_TESTS(SumsProperties, internal::MakeSumsSolver)

}  // namespace
}  // namespace credence

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"
#include "test_support.h"

namespace credence {
namespace {

using testing::DocumentBuilder;

// x: A true, B true, C false; y: A false, C true; z: B false, C false.
ClaimStore SmallCrowd() {
  return DocumentBuilder()
      .Outlet("A")
      .Outlet("B")
      .Outlet("C")
      .Predicate("p", ValueKind::kBoolean)
      .Claim("A", "x", "p", Value::Boolean(true))
      .Claim("B", "x", "p", Value::Boolean(true))
      .Claim("C", "x", "p", Value::Boolean(false))
      .Claim("A", "y", "p", Value::Boolean(false))
      .Claim("C", "y", "p", Value::Boolean(true))
      .Claim("B", "z", "p", Value::Boolean(false))
      .Claim("C", "z", "p", Value::Boolean(false))
      .Store();
}

TEST(Wawa, OneRoundByHand) {
  // Majority: x true, y a 1-1 tie (each side agrees with it by 1/2), z false.
  // Skills: A (1 + 1/2) / 2 = 3/4, B 2/2, C (0 + 1/2 + 1) / 3 = 1/2. Weighted vote: x true
  // 3/4 + 1 vs false 1/2 -> 7/9; y false 3/4 vs true 1/2 -> 3/5; z false only -> 1.
  const Solution solution = CreateSolver("wawa")->Solve(SmallCrowd(), SolverOptions{});
  EXPECT_NEAR(solution.reliability[0], 0.75, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 1.0 - 1e-6, 1e-15);  // clamped
  EXPECT_NEAR(solution.reliability[2], 0.5, 1e-12);
  const double expected[] = {7.0 / 9, 7.0 / 9, 2.0 / 9, 3.0 / 5, 2.0 / 5, 1.0, 1.0};
  for (int c = 0; c < 7; ++c) EXPECT_NEAR(solution.claim_probability[c], expected[c], 1e-12) << c;
  EXPECT_EQ(solution.timelines[1][0].state, 0U);
  EXPECT_NEAR(solution.timelines[1][0].probability, 0.6, 1e-12);
  EXPECT_EQ(solution.summary.iterations, 1);
  EXPECT_TRUE(solution.summary.IsConverged());
  EXPECT_TRUE(solution.summary.log_likelihood.empty());
  // C's evidence: its three claims' probabilities.
  EXPECT_NEAR(solution.true_weight[2], 2.0 / 9 + 2.0 / 5 + 1.0, 1e-12);
  EXPECT_NEAR(solution.total_weight[2], 3.0, 1e-12);
  // Leaving out A's group on x: only B (true, 1) and C (false, 1/2) remain, so B's claim on x
  // moves from 7/9 to 1 / (1 + 1/2) = 2/3.
  ASSERT_FALSE(solution.influences[1].empty());
  bool found = false;
  for (const Influence& influence : solution.influences[1]) {
    if (influence.group == SmallCrowd().claim_group()[0]) {
      EXPECT_NEAR(influence.delta, 7.0 / 9 - 2.0 / 3, 1e-12);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(Wawa, PerfectBinarySourceGetsTheTopReliability) {
  ::credence::testing::ExpectPerfectBinarySourceOnTop(internal::MakeWawaSolver);
}

TEST(Wawa, ATieIsHalfAnAgreementForEachSide) {
  // A disagrees with the majority on x and w; y is a 1-1 tie, half an agreement for A and for
  // C, whichever value text is smaller. Skills: A (1/2) / 3 = 1/6, C (1 + 1 + 1/2) / 3 = 5/6, so
  // on y A's claim gets (1/6) / (1/6 + 5/6) = 1/6 and C's 5/6.
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("C")
                               .Outlet("D")
                               .Predicate("p", ValueKind::kBoolean)
                               .Claim("A", "x", "p", Value::Boolean(false))
                               .Claim("C", "x", "p", Value::Boolean(true))
                               .Claim("D", "x", "p", Value::Boolean(true))
                               .Claim("A", "w", "p", Value::Boolean(true))
                               .Claim("C", "w", "p", Value::Boolean(false))
                               .Claim("D", "w", "p", Value::Boolean(false))
                               .Claim("A", "y", "p", Value::Boolean(true))
                               .Claim("C", "y", "p", Value::Boolean(false))
                               .Store();
  const Solution solution = CreateSolver("wawa")->Solve(store, SolverOptions{});
  EXPECT_NEAR(solution.reliability[0], 1.0 / 6.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[6], 1.0 / 6.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[7], 5.0 / 6.0, 1e-12);
}

// Wawa is one non-iterative round, so the iteration-cap property does not apply.
TEST(WawaProperties, PermutingClaimsChangesNothing) {
  ::credence::testing::ExpectPermutationInvariant(internal::MakeWawaSolver);
}
TEST(WawaProperties, IdenticalForAnyThreadCount) {
  ::credence::testing::ExpectThreadIndependent(internal::MakeWawaSolver);
}
TEST(WawaProperties, NoClaimsIsAUserFailure) {
  ::credence::testing::ExpectFailureWithoutClaims(internal::MakeWawaSolver);
}

}  // namespace
}  // namespace credence

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
  // Majority: x true, y a 1-1 tie -> "false" (smaller text), z false.
  // Skills: A 2/2, B 2/2, C 1/3. Weighted vote: x true 2 vs false 1/3 -> 6/7;
  // y false 1 vs true 1/3 -> 3/4; z false only -> 1.
  const Solution solution = CreateSolver("wawa")->Solve(SmallCrowd(), SolverOptions{});
  EXPECT_NEAR(solution.reliability[0], 1.0 - 1e-6, 1e-15);  // clamped
  EXPECT_NEAR(solution.reliability[1], 1.0 - 1e-6, 1e-15);
  EXPECT_NEAR(solution.reliability[2], 1.0 / 3.0, 1e-12);
  const double expected[] = {6.0 / 7, 6.0 / 7, 1.0 / 7, 3.0 / 4, 1.0 / 4, 1.0, 1.0};
  for (int c = 0; c < 7; ++c) EXPECT_NEAR(solution.claim_probability[c], expected[c], 1e-12) << c;
  EXPECT_EQ(solution.timelines[1][0].state, 0U);
  EXPECT_NEAR(solution.timelines[1][0].probability, 0.75, 1e-12);
  EXPECT_EQ(solution.summary.iterations, 1);
  EXPECT_TRUE(solution.summary.IsConverged());
  EXPECT_TRUE(solution.summary.log_likelihood.empty());
  // C's evidence: its three claims' probabilities.
  EXPECT_NEAR(solution.true_weight[2], 1.0 / 7 + 1.0 / 4 + 1.0, 1e-12);
  EXPECT_NEAR(solution.total_weight[2], 3.0, 1e-12);
  // Leaving out A's group on x: only B (true, 1) and C (false, 1/3) remain... B's claim on x
  // moves from 6/7 to 1 / (1 + 1/3) = 3/4.
  ASSERT_FALSE(solution.influences[1].empty());
  bool found = false;
  for (const Influence& influence : solution.influences[1]) {
    if (influence.group == SmallCrowd().claim_group()[0]) {
      EXPECT_NEAR(influence.delta, 6.0 / 7 - 3.0 / 4, 1e-12);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(Wawa, PerfectBinarySourceGetsTheTopReliability) {
  ::credence::testing::ExpectPerfectBinarySourceOnTop(internal::MakeWawaSolver);
}

TEST(Wawa, ASourceThatNeverAgreesLosesItsVote) {
  // A disagrees with the majority on x and w, and on y loses the 1-1 tie ("false" < "true"):
  // skill 0, so on y only C's vote counts.
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
  EXPECT_NEAR(solution.reliability[0], 1e-6, 1e-15);  // clamped 0
  EXPECT_NEAR(solution.claim_probability[6], 0.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[7], 1.0, 1e-12);
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

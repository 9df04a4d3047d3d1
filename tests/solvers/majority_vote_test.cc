#include <gtest/gtest.h>

#include <cmath>

#include "credence/solver.h"
#include "test_support.h"

namespace credence {
namespace {

using testing::DocumentBuilder;

TEST(MajorityVote, SharesAndReliabilityByHand) {
  // x: A, B say "red", C says "blue" -> red wins with 2/3 of the votes.
  // y: A says "green", C says "green" -> green, 2/2.
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Outlet("C")
                               .Predicate("colour", ValueKind::kCategory)
                               .Claim("A", "x", "colour", Value::Category("red"))
                               .Claim("B", "x", "colour", Value::Category("Red "))
                               .Claim("C", "x", "colour", Value::Category("blue"))
                               .Claim("A", "y", "colour", Value::Category("green"))
                               .Claim("C", "y", "colour", Value::Category("green"))
                               .Store();
  SolverOptions options;  // Beta(4, 1) prior
  const Solution solution = CreateSolver("majority-vote")->Solve(store, options);
  EXPECT_NEAR(solution.claim_probability[0], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[1], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[3], 1.0, 1e-12);
  // A: 2 of 2 with the majority -> (4 + 2) / (5 + 2); B: 1 of 1 -> (4 + 1) / (5 + 1);
  // C: 1 of 2 -> (4 + 1) / (5 + 2).
  EXPECT_NEAR(solution.reliability[0], 6.0 / 7.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(solution.reliability[2], 5.0 / 7.0, 1e-12);
  EXPECT_EQ(solution.summary.iterations, 1);
  EXPECT_TRUE(solution.summary.IsConverged());
}

TEST(MajorityVote, TiesGoToTheSmallestValueText) {
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Predicate("label", ValueKind::kCategory)
                               .Claim("A", "x", "label", Value::Category("1"))
                               .Claim("B", "x", "label", Value::Category("0"))
                               .Store();
  const Solution solution = CreateSolver("majority-vote")->Solve(store, SolverOptions{});
  const std::uint32_t winner = solution.timelines[0][0].state;
  EXPECT_EQ(store.ValuesOf(0)[winner].ToDisplay(), "0");
}

TEST(MajorityVote, PermutingClaimsChangesNothing) {
  const auto forward = DocumentBuilder()
                           .Outlet("A")
                           .Outlet("B")
                           .Outlet("C")
                           .Predicate("p", ValueKind::kBoolean)
                           .Claim("A", "x", "p", Value::Boolean(true))
                           .Claim("B", "x", "p", Value::Boolean(false))
                           .Claim("C", "x", "p", Value::Boolean(true))
                           .Store();
  const auto backward = DocumentBuilder()
                            .Outlet("A")
                            .Outlet("B")
                            .Outlet("C")
                            .Predicate("p", ValueKind::kBoolean)
                            .Claim("C", "x", "p", Value::Boolean(true))
                            .Claim("B", "x", "p", Value::Boolean(false))
                            .Claim("A", "x", "p", Value::Boolean(true))
                            .Store();
  const Solution a = CreateSolver("majority-vote")->Solve(forward, SolverOptions{});
  const Solution b = CreateSolver("majority-vote")->Solve(backward, SolverOptions{});
  EXPECT_EQ(a.reliability, b.reliability);
  EXPECT_EQ(a.claim_probability[0], b.claim_probability[2]);
  EXPECT_EQ(a.claim_probability[1], b.claim_probability[1]);
}

TEST(MajorityVote, UnknownMagnitudeIsNotScored) {
  const ClaimStore store =
      DocumentBuilder()
          .Outlet("A")
          .Predicate("reward", ValueKind::kQuantity)
          .Claim("A", "x", "reward", Value::Quantity(std::nullopt, "USD", "million"))
          .Store();
  const Solution solution = CreateSolver("majority-vote")->Solve(store, SolverOptions{});
  EXPECT_TRUE(std::isnan(solution.claim_probability[0]));
  EXPECT_EQ(solution.total_weight[0], 0.0);
}

}  // namespace
}  // namespace credence

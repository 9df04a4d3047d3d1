#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"
#include "test_support.h"

namespace credence {
namespace {

using testing::DocumentBuilder;

// x: A true, B true, C false; y: A false, C true.
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
      .Store();
}

TEST(OneCoin, FirstIterationByHand) {
  // Start: the M-step from the vote shares (x: true 2/3, false 1/3; y: 1/2 each) with Beta(3, 1)
  // pseudo-counts: A (x right with 2/3, y with 1/2), B (x, 2/3), C (x 1/3, y 1/2).
  const double a0 = (3 + 2.0 / 3.0 + 0.5) / 6;
  const double b0 = (3 + 2.0 / 3.0) / 5;
  const double c0 = (3 + 1.0 / 3.0 + 0.5) / 6;
  const double x_true = a0 * b0 * (1 - c0);
  const double x_false = (1 - a0) * (1 - b0) * c0;
  const double y_true = (1 - a0) * c0;
  const double y_false = a0 * (1 - c0);
  const auto log_prior = [](double r) { return 3 * std::log(r) + std::log1p(-r); };
  const double objective0 = std::log(0.5 * (x_true + x_false)) +
                            std::log(0.5 * (y_true + y_false)) + log_prior(a0) + log_prior(b0) +
                            log_prior(c0);
  // M-step from that E-step.
  const double px = x_true / (x_true + x_false);
  const double py = y_true / (y_true + y_false);
  const double a = (3 + px + (1 - py)) / 6;
  const double b = (3 + px) / 5;
  const double c = (3 + (1 - px) + py) / 6;
  const double x1_true = a * b * (1 - c);
  const double x1_false = (1 - a) * (1 - b) * c;
  const double y1_true = (1 - a) * c;
  const double y1_false = a * (1 - c);
  SolverOptions options;
  options.max_iterations = 1;
  options.prior_alpha = 3.0;
  options.prior_beta = 1.0;
  const Solution solution = CreateSolver("one-coin")->Solve(SmallCrowd(), options);
  ASSERT_EQ(solution.summary.log_likelihood.size(), 2U);
  EXPECT_NEAR(solution.summary.log_likelihood[0], objective0, 1e-12);
  EXPECT_NEAR(solution.reliability[0], a, 1e-12);
  EXPECT_NEAR(solution.reliability[1], b, 1e-12);
  EXPECT_NEAR(solution.reliability[2], c, 1e-12);
  EXPECT_NEAR(solution.claim_probability[0], x1_true / (x1_true + x1_false), 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], x1_false / (x1_true + x1_false), 1e-12);
  EXPECT_NEAR(solution.claim_probability[4], y1_true / (y1_true + y1_false), 1e-12);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
  EXPECT_EQ(solution.summary.iterations, 1);
  // Evidence behind the reliability: C's claims, weight 1 each.
  EXPECT_NEAR(solution.total_weight[2], 2.0, 1e-12);
  EXPECT_NEAR(solution.true_weight[2],
              x1_false / (x1_true + x1_false) + y1_true / (y1_true + y1_false), 1e-12);
}

TEST(OneCoin, WrongAnswersSpreadOverTheOtherStates) {
  // One proposition with states red, blue, "none" (K = 3): a wrong answer has (1 - a) / 2.
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Predicate("colour", ValueKind::kCategory)
                               .Claim("A", "x", "colour", Value::Category("red"))
                               .Claim("B", "x", "colour", Value::Category("blue"))
                               .Store();
  SolverOptions options;
  options.max_iterations = 1;
  options.prior_alpha = 1.0;
  options.prior_beta = 1.0;  // start at 0.5
  const Solution solution = CreateSolver("one-coin")->Solve(store, options);
  // red ∝ .5 * .25, blue ∝ .25 * .5, none ∝ .25 * .25 -> red 0.4.
  const double z = 0.125 + 0.125 + 0.0625;
  EXPECT_NEAR(solution.summary.log_likelihood[0],
              std::log(z / 3) + 2 * (std::log(0.5) + std::log(0.5)), 1e-12);
  const double a = (1 + 0.4) / 3;
  EXPECT_NEAR(solution.reliability[0], a, 1e-12);
  const double red = a * (1 - a) / 2;
  const double none = (1 - a) / 2 * (1 - a) / 2;
  EXPECT_NEAR(solution.claim_probability[0], red / (2 * red + none), 1e-12);
}

TEST(OneCoin, ConvergesWithANonDecreasingObjective) {
  const Solution solution = CreateSolver("one-coin")->Solve(SmallCrowd(), SolverOptions{});
  EXPECT_TRUE(solution.summary.IsConverged());
  const auto& trace = solution.summary.log_likelihood;
  for (std::size_t i = 1; i < trace.size(); ++i) EXPECT_GE(trace[i], trace[i - 1] - 1e-12) << i;
  EXPECT_LT(solution.summary.final_change, 1e-6);
}

TEST(OneCoin, PerfectBinarySourceGetsTheTopReliability) {
  ::credence::testing::ExpectPerfectBinarySourceOnTop(internal::MakeOneCoinSolver);
}

CREDENCE_SOLVER_PROPERTY_TESTS(OneCoinProperties, internal::MakeOneCoinSolver)

}  // namespace
}  // namespace credence

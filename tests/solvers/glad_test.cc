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

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double Logit(double p) { return std::log(p / (1.0 - p)); }

// Three workers, three boolean items; C's "x" claim is half-confident (weight 0.5).
ClaimStore SmallCrowd() {
  return DocumentBuilder()
      .Outlet("A")
      .Outlet("B")
      .Outlet("C")
      .Predicate("p", ValueKind::kBoolean)
      .Claim("A", "x", "p", Value::Boolean(true))
      .Claim("B", "x", "p", Value::Boolean(true))
      .Claim("C", "x", "p", Value::Boolean(false), 0, {}, 0.5)
      .Claim("A", "y", "p", Value::Boolean(false))
      .Claim("B", "y", "p", Value::Boolean(false))
      .Claim("C", "y", "p", Value::Boolean(false))
      .Claim("A", "z", "p", Value::Boolean(true))
      .Claim("B", "z", "p", Value::Boolean(false))
      .Claim("C", "z", "p", Value::Boolean(true))
      .Store();
}

const int kItem[] = {0, 0, 0, 1, 1, 1, 2, 2, 2};
const int kWorker[] = {0, 1, 2, 0, 1, 2, 0, 1, 2};
const bool kSaysTrue[] = {true, true, false, false, false, false, true, false, true};
const double kWeight[] = {1, 1, 0.5, 1, 1, 1, 1, 1, 1};

TEST(Glad, PriorMeansObjectiveByHand) {
  // alpha = 1, beta = 1: every claim right with r = sigma(1); uniform prior over 2 states.
  // The solver starts with an M-step from the vote shares, so this is the objective of a
  // model held at the prior means, checked through the leave-nothing-out posterior below.
  const double r = Sigmoid(1.0);
  const double x = 0.5 * (r * r * std::pow(1 - r, 0.5) + (1 - r) * (1 - r) * std::pow(r, 0.5));
  const double y = 0.5 * (r * r * r + (1 - r) * (1 - r) * (1 - r));
  const double z = 0.5 * (r * (1 - r) * r + (1 - r) * r * (1 - r));
  // The first traced objective is after the start's M-step, which moves away from the prior
  // means and can only raise the objective (a generalised EM step from the vote shares need
  // not, but it starts where the vote puts the items, which these numbers favour).
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = CreateSolver("glad")->Solve(SmallCrowd(), options);
  EXPECT_GT(solution.summary.log_likelihood[0], std::log(x) + std::log(y) + std::log(z));
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
}

TEST(Glad, ConvergesToAStationaryPointOfThePosterior) {
  SolverOptions options;
  options.tolerance = 1e-11;
  options.max_iterations = 5000;
  const Solution solution = CreateSolver("glad")->Solve(SmallCrowd(), options);
  ASSERT_TRUE(solution.summary.IsConverged());
  const auto& trace = solution.summary.log_likelihood;
  for (std::size_t i = 1; i < trace.size(); ++i) EXPECT_GE(trace[i], trace[i - 1] - 1e-12) << i;

  // Recover alpha from the reliabilities and beta from the posterior log-odds of each item:
  // log P(true) / P(false) = beta_p * sum_c w_c (+-alpha_s) for two states.
  std::vector<double> alpha(3);
  for (int s = 0; s < 3; ++s) alpha[s] = Logit(solution.reliability[s]);
  std::vector<double> signed_sum(3, 0.0);
  std::vector<double> p_true(3);
  for (int c = 0; c < 9; ++c) {
    signed_sum[kItem[c]] += kWeight[c] * (kSaysTrue[c] ? 1.0 : -1.0) * alpha[kWorker[c]];
    const double q = solution.claim_probability[c];
    p_true[kItem[c]] = kSaysTrue[c] ? q : 1.0 - q;
  }
  std::vector<double> beta(3);
  for (int i = 0; i < 3; ++i) beta[i] = Logit(p_true[i]) / signed_sum[i];
  // The gradients of the M-step objective vanish at the fixed point.
  std::vector<double> d_alpha(3), d_b(3);
  for (int s = 0; s < 3; ++s) d_alpha[s] = -(alpha[s] - 1.0);
  for (int i = 0; i < 3; ++i) d_b[i] = -std::log(beta[i]);
  for (int c = 0; c < 9; ++c) {
    const double b = beta[kItem[c]];
    const double a = alpha[kWorker[c]];
    const double residual = kWeight[c] * (solution.claim_probability[c] - Sigmoid(a * b));
    d_alpha[kWorker[c]] += residual * b;
    d_b[kItem[c]] += residual * a * b;
  }
  for (int s = 0; s < 3; ++s) EXPECT_NEAR(d_alpha[s], 0.0, 1e-6) << s;
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(d_b[i], 0.0, 1e-6) << i;
}

TEST(Glad, PerfectBinarySourceGetsTheTopReliability) {
  ::credence::testing::ExpectPerfectBinarySourceOnTop(internal::MakeGladSolver);
}

CREDENCE_SOLVER_PROPERTY_TESTS(GladProperties, internal::MakeGladSolver)

}  // namespace
}  // namespace credence

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
const int kLabel[] = {1, 1, 0, 0, 0, 0, 1, 0, 1};
const double kWeight[] = {1, 1, 0.5, 1, 1, 1, 1, 1, 1};

// The paper's EM on the small crowd, written out on plain arrays.
struct Reference {
  double eps = 0.01 / 2;
  std::vector<double> theta = std::vector<double>(3, 0.5);
  std::vector<std::vector<double>> xi = std::vector<std::vector<double>>(3, {0.5, 0.5});
  std::vector<std::vector<double>> t;

  // The start: weighted vote shares [false, true] of x (0.5 : 2), y (3 : 0), z (1 : 2).
  void StartFromVote() { t = {{0.2, 0.8}, {1.0, 0.0}, {1.0 / 3.0, 2.0 / 3.0}}; }

  double EStep() {
    t.assign(3, {0.5, 0.5});
    for (int c = 0; c < 9; ++c) {
      const int w = kWorker[c];
      for (int k = 0; k < 2; ++k) {
        const double p = theta[w] * (k == kLabel[c]) + (1 - theta[w]) * xi[w][kLabel[c]];
        t[kItem[c]][k] *= std::pow(p, kWeight[c]);
      }
    }
    double objective = 0.0;
    for (auto& row : t) {
      const double z = row[0] + row[1];
      row[0] /= z;
      row[1] /= z;
      objective += std::log(z);
    }
    double log_prior = 0.0;
    for (int w = 0; w < 3; ++w) {
      log_prior +=
          std::log(theta[w]) + std::log(1 - theta[w]) + std::log(xi[w][0]) + std::log(xi[w][1]);
    }
    return objective + eps * log_prior;
  }

  void MStep() {
    std::vector<double> knew(3, 0.0), total(3, 0.0);
    std::vector<std::vector<double>> guess(3, {eps, eps});
    for (int c = 0; c < 9; ++c) {
      const int w = kWorker[c];
      const int v = kLabel[c];
      const double k = t[kItem[c]][v] * theta[w] / (theta[w] + (1 - theta[w]) * xi[w][v]);
      knew[w] += kWeight[c] * k;
      total[w] += kWeight[c];
      guess[w][v] += kWeight[c] * (1 - k);
    }
    for (int w = 0; w < 3; ++w) {
      theta[w] = (eps + knew[w]) / (2 * eps + total[w]);
      const double sum = guess[w][0] + guess[w][1];
      xi[w] = {guess[w][0] / sum, guess[w][1] / sum};
    }
  }
};

TEST(Mace, FirstIterationMatchesThePapersEm) {
  Reference ref;
  ref.StartFromVote();
  ref.MStep();
  const double objective0 = ref.EStep();
  ref.MStep();
  const std::vector<double> theta1 = ref.theta;
  const double objective1 = ref.EStep();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = CreateSolver("mace")->Solve(SmallCrowd(), options);
  ASSERT_EQ(solution.summary.log_likelihood.size(), 2U);
  EXPECT_NEAR(solution.summary.log_likelihood[0], objective0, 1e-12);
  EXPECT_NEAR(solution.summary.log_likelihood[1], objective1, 1e-12);
  for (int w = 0; w < 3; ++w) EXPECT_NEAR(solution.reliability[w], theta1[w], 1e-12) << w;
  for (int c = 0; c < 9; ++c) {
    EXPECT_NEAR(solution.claim_probability[c], ref.t[kItem[c]][kLabel[c]], 1e-12) << c;
  }
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
}

TEST(Mace, StartsWithAnMStepFromTheVote) {
  // theta = 0.5, xi uniform: a claim is 0.75 likely under its own label, so it knew the answer
  // with probability T * 0.5 / 0.75. B says true on x (T = 0.8), false on y (1) and z (1/3).
  Reference ref;
  ref.StartFromVote();
  ref.MStep();
  const double knew = (0.8 + 1.0 + 1.0 / 3.0) * 0.5 / 0.75;
  EXPECT_NEAR(ref.theta[1], (ref.eps + knew) / (2 * ref.eps + 3), 1e-12);  // the reference
  // The solver's first objective is the reference's after that start.
  const double objective0 = ref.EStep();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = CreateSolver("mace")->Solve(SmallCrowd(), options);
  EXPECT_NEAR(solution.summary.log_likelihood[0], objective0, 1e-12);
}

TEST(Mace, ConvergesWithANonDecreasingObjective) {
  const Solution solution = CreateSolver("mace")->Solve(SmallCrowd(), SolverOptions{});
  EXPECT_TRUE(solution.summary.IsConverged());
  const auto& trace = solution.summary.log_likelihood;
  for (std::size_t i = 1; i < trace.size(); ++i) EXPECT_GE(trace[i], trace[i - 1] - 1e-12) << i;
}

TEST(Mace, PerfectBinarySourceGetsTheTopReliability) {
  ::credence::testing::ExpectPerfectBinarySourceOnTop(internal::MakeMaceSolver);
}

TEST(Mace, CategoriesWithoutADomainUseAUniformSpammer) {
  // K = 3 (red, blue, none): with theta = 0.5 and xi = 1/3 a claim is 0.5 + 0.5/3 likely under
  // its own label and 0.5/3 under each other state. Start: vote shares (1/2, 1/2, 0), so each
  // claim knew with 0.5 * 0.5 / (0.5 + 0.5/3) = 0.375.
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Predicate("colour", ValueKind::kCategory)
                               .Claim("A", "x", "colour", Value::Category("red"))
                               .Claim("B", "x", "colour", Value::Category("blue"))
                               .Store();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = CreateSolver("mace")->Solve(store, options);
  const double eps = 0.01 / 3;
  const double theta = (eps + 0.375) / (2 * eps + 1);
  const double right = theta + (1 - theta) / 3;
  const double wrong = (1 - theta) / 3;
  const double z = (2 * right * wrong + wrong * wrong) / 3;
  EXPECT_NEAR(solution.summary.log_likelihood[0],
              std::log(z) + eps * 2 * (std::log(theta) + std::log1p(-theta)), 1e-12);
  // One M-step: P(red) = right * wrong / (3 z) for both claims; knew = P * theta / right.
  const double p = right * wrong / (3 * z);
  EXPECT_NEAR(solution.reliability[0], (eps + p * theta / right) / (2 * eps + 1), 1e-12);
}

CREDENCE_SOLVER_PROPERTY_TESTS(MaceProperties, internal::MakeMaceSolver)

}  // namespace
}  // namespace credence

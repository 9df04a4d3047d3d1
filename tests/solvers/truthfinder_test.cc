#include <gtest/gtest.h>

#include <cmath>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

double Logistic(double x) { return 1.0 / (1.0 + std::exp(-0.3 * x)); }

TEST(TruthFinder, FirstIterationByHand) {
  // t0 = 0.9 -> tau = ln 10 for everyone. x: sigma(red) = 2 tau, sigma(blue) = tau;
  // sigma*(red) = 2 tau - 0.5 * 0.5 * tau, sigma*(blue) = tau - 0.5 * 0.5 * 2 tau;
  // y: sigma*(green) = 2 tau. t(A) = (s(red) + s(green)) / 2, t(B) = s(red),
  // t(C) = (s(blue) + s(green)) / 2. The output confidences come from that t.
  const double tau = std::log(10.0);
  const double red = Logistic(1.75 * tau);
  const double blue = Logistic(0.5 * tau);
  const double green = Logistic(2.0 * tau);
  const double t[3] = {(red + green) / 2, red, (blue + green) / 2};
  double u[3];
  for (int s = 0; s < 3; ++s) u[s] = -std::log(1.0 - t[s]);
  const double out_red = Logistic(u[0] + u[1] - 0.25 * u[2]);
  const double out_blue = Logistic(u[2] - 0.25 * (u[0] + u[1]));
  const double out_green = Logistic(u[0] + u[2]);

  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeTruthFinderSolver()->Solve(store, options);
  for (int s = 0; s < 3; ++s) EXPECT_NEAR(solution.reliability[s], t[s], 1e-12) << s;
  EXPECT_NEAR(solution.claim_probability[0], out_red, 1e-12);
  EXPECT_NEAR(solution.claim_probability[1], out_red, 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], out_blue, 1e-12);
  EXPECT_NEAR(solution.claim_probability[3], out_green, 1e-12);
  EXPECT_NEAR(solution.summary.final_change, 0.9 - blue / 2 - green / 2, 1e-12);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
}

TEST(TruthFinder, ConvergesByCosineSimilarity) {
  const ClaimStore store = testing::PerfectSourceStore(false);
  const Solution solution = internal::MakeTruthFinderSolver()->Solve(store, SolverOptions{});
  EXPECT_TRUE(solution.summary.IsConverged());
  EXPECT_LT(solution.summary.iterations, 200);
  // A lone source's only claim: sigma* = tau(D), no rival values.
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    if (store.claim_record(c).subject == "item6") {
      const double t = solution.reliability[store.FindOutlet("D")];
      EXPECT_NEAR(solution.claim_probability[c], Logistic(-std::log(1.0 - t)), 1e-12);
    }
  }
}

CREDENCE_SOLVER_PROPERTY_TESTS(TruthFinderProperties, internal::MakeTruthFinderSolver)

}  // namespace
}  // namespace credence

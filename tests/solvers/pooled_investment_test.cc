#include <gtest/gtest.h>

#include <cmath>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

TEST(PooledInvestment, FirstIterationByHand) {
  // Trust as in Investment: T = 2/3, 1/3, 1 after one iteration (B0 uniform: red 1/2, blue 1/2,
  // green 1). Output: H(red) = 2/3, H(blue) = 1/2; B(f) = H(f) H(f)^1.4 / (H(red)^1.4 +
  // H(blue)^1.4), so the normalised belief is proportional to H^2.4.
  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakePooledInvestmentSolver()->Solve(store, options);
  EXPECT_NEAR(solution.reliability[0], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(solution.reliability[2], 1.0, 1e-12);
  const double red = std::pow(2.0 / 3.0, 2.4);
  const double blue = std::pow(0.5, 2.4);
  EXPECT_NEAR(solution.claim_probability[0], red / (red + blue), 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], blue / (red + blue), 1e-12);
  EXPECT_NEAR(solution.claim_probability[3], 1.0, 1e-12);
}

TEST(PooledInvestment, SecondIterationUsesPooledBeliefs) {
  // Iteration 2 from T1 = (2/3, 1/3, 1) and B1 = pooled beliefs of iteration 1 / max:
  // H(red) = 2/3, H(blue) = 1/2, H(green) = (2/3)/2 + 1/2 = 5/6;
  // B(red) = H G(H) / (G(red) + G(blue)), B(blue) likewise, B(green) = H(green) (alone).
  const double g = 1.4;
  double t[3] = {2.0 / 3.0, 1.0 / 3.0, 1.0};
  const double hr = 2.0 / 3.0;
  const double hb = 0.5;
  const double hg = 5.0 / 6.0;
  const double pool = std::pow(hr, g) + std::pow(hb, g);
  double br = hr * std::pow(hr, g) / pool;
  double bb = hb * std::pow(hb, g) / pool;
  double bg = hg;
  const double top = std::max({br, bb, bg});
  br /= top;
  bb /= top;
  bg /= top;
  // Investments of T1: A t[0]/2, B t[1], C t[2]/2.
  const double ir = t[0] / 2 + t[1];
  const double ib = t[2] / 2;
  const double ig = t[0] / 2 + t[2] / 2;
  double next[3] = {br * (t[0] / 2) / ir + bg * (t[0] / 2) / ig, br * t[1] / ir,
                    bb * (t[2] / 2) / ib + bg * (t[2] / 2) / ig};
  const double max_t = std::max({next[0], next[1], next[2]});
  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 2;
  const Solution solution = internal::MakePooledInvestmentSolver()->Solve(store, options);
  for (int s = 0; s < 3; ++s) EXPECT_NEAR(solution.reliability[s], next[s] / max_t, 1e-12) << s;
}

CREDENCE_SOLVER_PROPERTY_TESTS(PooledInvestmentProperties, internal::MakePooledInvestmentSolver)

}  // namespace
}  // namespace credence

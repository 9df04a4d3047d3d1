#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <vector>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

TEST(Catd, LongTailSourceGetsLessWeight) {
  // Majority start: x red, y green. Losses: A 0, B 0, C 1 (total 1), floored at 1e-6.
  // W_A = chi2_{0.025}(2) / 1e-6, W_B = chi2_{0.025}(1) / 1e-6, W_C = chi2_{0.025}(2) / 1.
  // chi2 with 2 degrees of freedom: CDF 1 - e^{-x/2}, so the quantile is -2 log(1 - 0.025).
  const double q2 = -2.0 * std::log(1.0 - 0.025);
  const double q1 =
      boost::math::quantile(boost::math::chi_squared_distribution<double>(1.0), 0.025);
  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeCatdSolver()->Solve(store, options);
  EXPECT_NEAR(solution.reliability[0], 1.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], q1 / q2, 1e-9);
  EXPECT_NEAR(solution.reliability[2], 1e-6, 1e-12);
  // B, with one claim, weighs far less than A although neither erred.
  EXPECT_LT(solution.reliability[1], 0.05);
  const double wa = q2 / 1e-6;
  const double wb = q1 / 1e-6;
  const double wc = q2;
  EXPECT_NEAR(solution.claim_probability[0], (wa + wb) / (wa + wb + wc), 1e-12);
  EXPECT_NEAR(solution.claim_probability[3], 1.0, 1e-12);
}

TEST(Catd, QuantityWeightedMeanByIndependentComputation) {
  // p: A 100, B 100, C 120, D 200; q: A 50, B 52, C 50, D 80. Two claims per source.
  const std::vector<double> p = {100, 100, 120, 200};
  const std::vector<double> q = {50, 52, 50, 80};
  auto mean = [](const std::vector<double>& x, const std::vector<double>& w) {
    double sum = 0.0;
    double total = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      sum += w[i] * x[i];
      total += w[i];
    }
    return sum / total;
  };
  auto variance = [&](const std::vector<double>& x) {
    const double m = mean(x, {1, 1, 1, 1});
    double squares = 0.0;
    for (double v : x) squares += (v - m) * (v - m);
    return squares / 4.0;
  };
  // Start: plain means 130 and 58; the nearest claimed values are not used for the loss.
  const double mp = mean(p, {1, 1, 1, 1});
  const double mq = mean(q, {1, 1, 1, 1});
  std::vector<double> w(4);
  const double q2 = -2.0 * std::log(1.0 - 0.025);
  for (int s = 0; s < 4; ++s) {
    const double loss =
        (p[s] - mp) * (p[s] - mp) / variance(p) + (q[s] - mq) * (q[s] - mq) / variance(q);
    w[s] = q2 / loss;
  }
  const double top = *std::max_element(w.begin(), w.end());
  const double truth_p = mean(p, w);  // nearest claimed: 100 or 120

  testing::DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Outlet("D").Predicate("n", ValueKind::kQuantity);
  const char* sources[] = {"A", "B", "C", "D"};
  for (int s = 0; s < 4; ++s) builder.Claim(sources[s], "p", "n", Value::Quantity(p[s], "count"));
  for (int s = 0; s < 4; ++s) builder.Claim(sources[s], "q", "n", Value::Quantity(q[s], "count"));
  const ClaimStore store = builder.Store();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeCatdSolver()->Solve(store, options);
  for (int s = 0; s < 4; ++s) EXPECT_NEAR(solution.reliability[s], w[s] / top, 1e-12) << s;
  const double nearest = std::abs(truth_p - 100) <= std::abs(truth_p - 120) ? 100 : 120;
  EXPECT_EQ(*store.ValuesOf(0)[solution.timelines[0][0].state].magnitude(), nearest);
}

CREDENCE_SOLVER_PROPERTY_TESTS(CatdProperties, internal::MakeCatdSolver)

}  // namespace
}  // namespace credence

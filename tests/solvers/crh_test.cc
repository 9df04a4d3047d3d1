#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

TEST(Crh, CategoricalFirstIterationByHand) {
  // Majority start: x red, y green. Losses: A 0, B 0, C 1 (total 1). Floored at 1e-6 * 1:
  // W_A = W_B = -log(1e-6), W_C = -log(1) = 0. Shares: red (W_A + W_B) / (W_A + W_B + W_C) = 1.
  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeCrhSolver()->Solve(store, options);
  EXPECT_NEAR(solution.reliability[0], 1.0, 1e-12);
  EXPECT_NEAR(solution.reliability[1], 1.0, 1e-12);
  EXPECT_NEAR(solution.reliability[2], 0.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[0], 1.0, 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], 0.0, 1e-12);
  ASSERT_EQ(solution.summary.log_likelihood.size(), 1U);
  EXPECT_NEAR(solution.summary.log_likelihood[0], 0.0, 1e-12);
  EXPECT_NEAR(solution.summary.final_change, 1.0, 1e-12);
}

// p: A 100, B 100, C 120, D 200; q: A 50, B 52, C 50, D 80 (all distinct beyond 2%).
ClaimStore QuantityStore() {
  testing::DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Outlet("D").Predicate("n", ValueKind::kQuantity);
  const double p[] = {100, 100, 120, 200};
  const double q[] = {50, 52, 50, 80};
  const char* sources[] = {"A", "B", "C", "D"};
  for (int s = 0; s < 4; ++s) builder.Claim(sources[s], "p", "n", Value::Quantity(p[s], "count"));
  for (int s = 0; s < 4; ++s) builder.Claim(sources[s], "q", "n", Value::Quantity(q[s], "count"));
  return builder.Store();
}

double Sd(const std::vector<double>& x) {
  double mean = 0.0;
  for (double v : x) mean += v / static_cast<double>(x.size());
  double squares = 0.0;
  for (double v : x) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / static_cast<double>(x.size()));
}

double WeightedMedian(std::vector<std::pair<double, double>> points) {
  std::sort(points.begin(), points.end());
  double total = 0.0;
  for (const auto& point : points) total += point.second;
  double running = 0.0;
  for (const auto& [x, w] : points) {
    running += w;
    if (running >= total / 2) return x;
  }
  return points.back().first;
}

TEST(Crh, QuantityWeightedMedianByIndependentComputation) {
  const std::vector<double> p = {100, 100, 120, 200};
  const std::vector<double> q = {50, 52, 50, 80};
  // Median start: p 100, q 50. Normalised absolute deviations per source.
  const double sp = Sd(p);
  const double sq = Sd(q);
  std::vector<double> loss(4);
  for (int s = 0; s < 4; ++s) loss[s] = std::abs(p[s] - 100) / sp + std::abs(q[s] - 50) / sq;
  double total = 0.0;
  for (double l : loss) total += l;
  std::vector<double> w(4);
  for (int s = 0; s < 4; ++s) w[s] = -std::log(std::max(loss[s], 1e-6 * total) / total);
  const double top = *std::max_element(w.begin(), w.end());
  std::vector<std::pair<double, double>> pp;
  std::vector<std::pair<double, double>> qq;
  for (int s = 0; s < 4; ++s) {
    pp.emplace_back(p[s], w[s]);
    qq.emplace_back(q[s], w[s]);
  }
  const double truth_p = WeightedMedian(pp);
  const double truth_q = WeightedMedian(qq);

  const ClaimStore store = QuantityStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeCrhSolver()->Solve(store, options);
  for (int s = 0; s < 4; ++s) EXPECT_NEAR(solution.reliability[s], w[s] / top, 1e-12) << s;
  EXPECT_EQ(*store.ValuesOf(0)[solution.timelines[0][0].state].magnitude(), truth_p);
  EXPECT_EQ(*store.ValuesOf(1)[solution.timelines[1][0].state].magnitude(), truth_q);
  // Objective: sum_s W_s L_s against the new truths.
  double objective = 0.0;
  for (int s = 0; s < 4; ++s) {
    objective += w[s] * (std::abs(p[s] - truth_p) / sp + std::abs(q[s] - truth_q) / sq);
  }
  EXPECT_NEAR(solution.summary.log_likelihood[0], objective, 1e-9);
}

TEST(Crh, TimelineOfAQuantityIsTheNearestClaimedValueToTheMedian) {
  // Weighted median 100 of {90, 100, 110} with equal weights (one claim each, all symmetric):
  // D claims 300 and is outvoted.
  testing::DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Predicate("n", ValueKind::kQuantity);
  builder.Claim("A", "p", "n", Value::Quantity(90, "count"))
      .Claim("B", "p", "n", Value::Quantity(100, "count"))
      .Claim("C", "p", "n", Value::Quantity(300, "count"));
  const ClaimStore store = builder.Store();
  const Solution solution = internal::MakeCrhSolver()->Solve(store, SolverOptions{});
  const std::uint32_t state = solution.timelines[0][0].state;
  EXPECT_NE(*store.ValuesOf(0)[state].magnitude(), 300.0);
}

CREDENCE_SOLVER_PROPERTY_TESTS(CrhProperties, internal::MakeCrhSolver)

}  // namespace
}  // namespace credence

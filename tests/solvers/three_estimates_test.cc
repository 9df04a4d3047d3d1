#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"

namespace credence {
namespace {

// The small store as a table: claims (source, proposition, fact); facts 0 = x:red,
// 1 = x:blue, 2 = y:green; proposition of each fact.
struct Row {
  int source;
  int proposition;
  int fact;
};
const Row kRows[] = {{0, 0, 0}, {1, 0, 0}, {2, 0, 1}, {0, 1, 2}, {2, 1, 2}};
const int kFactProposition[] = {0, 0, 1};

void MinMax(std::vector<double>* x) {
  const auto [lo, hi] = std::minmax_element(x->begin(), x->end());
  const double low = *lo;
  const double high = *hi;
  if (high > low) {
    for (double& v : *x) v = (v - low) / (high - low);
  }
}

std::vector<double> Theta(const std::vector<double>& eps, const std::vector<double>& phi) {
  std::vector<double> theta(3, 0.0);
  for (int f = 0; f < 3; ++f) {
    double n = 0.0;
    for (const Row& r : kRows) {
      if (r.proposition != kFactProposition[f]) continue;
      const double wrong = eps[r.source] * phi[f];
      theta[f] += r.fact == f ? 1.0 - wrong : wrong;
      n += 1.0;
    }
    theta[f] /= n;
  }
  return theta;
}

TEST(ThreeEstimates, FirstIterationByIndependentComputation) {
  std::vector<double> eps(3, 0.2);
  std::vector<double> phi(3, 0.5);
  std::vector<double> theta = Theta(eps, phi);
  MinMax(&theta);
  std::vector<double> next_phi(3, 0.0);
  for (int f = 0; f < 3; ++f) {
    double n = 0.0;
    for (const Row& r : kRows) {
      if (r.proposition != kFactProposition[f]) continue;
      next_phi[f] += (r.fact == f ? 1.0 - theta[f] : theta[f]) / std::max(eps[r.source], 0.01);
      n += 1.0;
    }
    next_phi[f] /= n;
  }
  MinMax(&next_phi);
  phi = next_phi;
  std::vector<double> next_eps(3, 0.0);
  std::vector<double> terms(3, 0.0);
  for (const Row& r : kRows) {
    for (int f = 0; f < 3; ++f) {
      // Normalised difficulties reach 0; the solver divides by at least 0.01.
      if (kFactProposition[f] != r.proposition) continue;
      next_eps[r.source] += (r.fact == f ? 1.0 - theta[f] : theta[f]) / std::max(phi[f], 0.01);
      terms[r.source] += 1.0;
    }
  }
  for (int s = 0; s < 3; ++s) next_eps[s] /= terms[s];
  MinMax(&next_eps);

  const ClaimStore store = testing::SmallStore();
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = internal::MakeThreeEstimatesSolver()->Solve(store, options);
  for (int s = 0; s < 3; ++s) EXPECT_NEAR(solution.reliability[s], 1.0 - next_eps[s], 1e-12);
  std::vector<double> out = Theta(next_eps, phi);
  MinMax(&out);
  EXPECT_NEAR(solution.claim_probability[0], out[0] / (out[0] + out[1]), 1e-12);
  EXPECT_NEAR(solution.claim_probability[2], out[1] / (out[0] + out[1]), 1e-12);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
}

TEST(ThreeEstimates, DiffersFromTwoEstimates) {
  const ClaimStore store = testing::PerfectSourceStore(false);
  const Solution three = internal::MakeThreeEstimatesSolver()->Solve(store, SolverOptions{});
  const Solution two = internal::MakeTwoEstimatesSolver()->Solve(store, SolverOptions{});
  EXPECT_NE(three.claim_probability, two.claim_probability);
}

CREDENCE_SOLVER_PROPERTY_TESTS(ThreeEstimatesProperties, internal::MakeThreeEstimatesSolver)

}  // namespace
}  // namespace credence

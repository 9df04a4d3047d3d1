#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "credence/solver.h"
#include "solvers/registry.h"
#include "solvers/solver_properties.h"
#include "test_support.h"

namespace credence {
namespace {

using testing::DocumentBuilder;

// An answer of the reference computation: item, worker, label, weight.
struct Answer {
  int item;
  int worker;
  int label;
  double weight;
};

// A direct transcription of the paper's EM with eps = 0.01 pseudo-counts, written for the test
// on plain arrays, independent of the solver's layout.
struct ReferenceDs {
  int items, workers, k;
  std::vector<Answer> answers;
  std::vector<std::vector<double>> t;                // [item][class]
  std::vector<std::vector<std::vector<double>>> pi;  // [worker][true][said]
  std::vector<double> rho;

  void MStep() {
    const double eps = 0.01;
    pi.assign(workers, std::vector<std::vector<double>>(k, std::vector<double>(k, eps)));
    for (const Answer& a : answers) {
      for (int truth = 0; truth < k; ++truth)
        pi[a.worker][truth][a.label] += a.weight * t[a.item][truth];
    }
    for (auto& matrix : pi) {
      for (auto& row : matrix) {
        double total = 0.0;
        for (double x : row) total += x;
        for (double& x : row) x /= total;
      }
    }
    rho.assign(k, eps);
    for (int i = 0; i < items; ++i) {
      for (int c = 0; c < k; ++c) rho[c] += t[i][c];
    }
    for (double& x : rho) x /= items + k * eps;
  }

  // Returns the objective: log-likelihood plus eps * sum of log parameters over the workers
  // that answered (only those have a matrix).
  double EStep() {
    std::vector<std::vector<double>> next(items, std::vector<double>(k));
    for (int i = 0; i < items; ++i) {
      for (int c = 0; c < k; ++c) next[i][c] = rho[c];
    }
    for (const Answer& a : answers) {
      for (int c = 0; c < k; ++c) next[a.item][c] *= std::pow(pi[a.worker][c][a.label], a.weight);
    }
    double objective = 0.0;
    for (auto& row : next) {
      double z = 0.0;
      for (double x : row) z += x;
      for (double& x : row) x /= z;
      objective += std::log(z);
    }
    double log_prior = 0.0;
    for (double x : rho) log_prior += std::log(x);
    for (int w = 0; w < workers; ++w) {
      for (auto& row : pi[w]) {
        for (double x : row) log_prior += std::log(x);
      }
    }
    t = next;
    return objective + 0.01 * log_prior;
  }
};

// Three workers, three boolean items; C's "x" claim is half-confident (weight 0.5).
DocumentBuilder SmallCrowd() {
  DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Predicate("p", ValueKind::kBoolean);
  builder.Claim("A", "x", "p", Value::Boolean(true))
      .Claim("B", "x", "p", Value::Boolean(true))
      .Claim("C", "x", "p", Value::Boolean(false), 0, {}, 0.5)
      .Claim("A", "y", "p", Value::Boolean(false))
      .Claim("B", "y", "p", Value::Boolean(false))
      .Claim("C", "y", "p", Value::Boolean(false))
      .Claim("A", "z", "p", Value::Boolean(true))
      .Claim("B", "z", "p", Value::Boolean(false))
      .Claim("C", "z", "p", Value::Boolean(true));
  return builder;
}

TEST(DawidSkene, FirstIterationMatchesTheReferenceComputation) {
  const ClaimStore store = SmallCrowd().Store();
  ReferenceDs ref{3, 3, 2, {}, {}, {}, {}};
  ref.answers = {{0, 0, 1, 1.0}, {0, 1, 1, 1.0}, {0, 2, 0, 0.5}, {1, 0, 0, 1.0}, {1, 1, 0, 1.0},
                 {1, 2, 0, 1.0}, {2, 0, 1, 1.0}, {2, 1, 0, 1.0}, {2, 2, 1, 1.0}};
  // Majority-vote shares: x 1 true vs 0.5 false of 1.5 (weights 1, 1, 0.5 -> 2 : 0.5).
  ref.t = {{0.5 / 2.5, 2.0 / 2.5}, {1.0, 0.0}, {1.0 / 3.0, 2.0 / 3.0}};
  ref.MStep();
  const double objective0 = ref.EStep();
  ref.MStep();
  const double objective1 = ref.EStep();

  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = CreateSolver("dawid-skene")->Solve(store, options);
  ASSERT_EQ(solution.summary.log_likelihood.size(), 2U);
  EXPECT_NEAR(solution.summary.log_likelihood[0], objective0, 1e-12);
  EXPECT_NEAR(solution.summary.log_likelihood[1], objective1, 1e-12);
  // Claim order: item-major as added; boolean state 1 = true.
  const int labels[] = {1, 1, 0, 0, 0, 0, 1, 0, 1};
  const int items[] = {0, 0, 0, 1, 1, 1, 2, 2, 2};
  for (int c = 0; c < 9; ++c) {
    EXPECT_NEAR(solution.claim_probability[c], ref.t[items[c]][labels[c]], 1e-12) << c;
  }
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
  EXPECT_EQ(solution.summary.iterations, 1);
}

TEST(DawidSkene, ReliabilityIsTheModelAccuracy) {
  const ClaimStore store = SmallCrowd().Store();
  ReferenceDs ref{3, 3, 2, {}, {}, {}, {}};
  ref.answers = {{0, 0, 1, 1.0}, {0, 1, 1, 1.0}, {0, 2, 0, 0.5}, {1, 0, 0, 1.0}, {1, 1, 0, 1.0},
                 {1, 2, 0, 1.0}, {2, 0, 1, 1.0}, {2, 1, 0, 1.0}, {2, 2, 1, 1.0}};
  ref.t = {{0.5 / 2.5, 2.0 / 2.5}, {1.0, 0.0}, {1.0 / 3.0, 2.0 / 3.0}};
  ref.MStep();
  ref.EStep();
  ref.MStep();  // the parameters after one iteration
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = CreateSolver("dawid-skene")->Solve(store, options);
  for (int w = 0; w < 3; ++w) {
    const double accuracy = ref.rho[0] * ref.pi[w][0][0] + ref.rho[1] * ref.pi[w][1][1];
    EXPECT_NEAR(solution.reliability[w], accuracy, 1e-12) << w;
  }
}

TEST(DawidSkene, ConvergesAndTheObjectiveNeverDecreases) {
  const ClaimStore store = SmallCrowd().Store();
  const Solution solution = CreateSolver("dawid-skene")->Solve(store, SolverOptions{});
  EXPECT_TRUE(solution.summary.IsConverged());
  const auto& trace = solution.summary.log_likelihood;
  ASSERT_GE(trace.size(), 2U);
  for (std::size_t i = 1; i < trace.size(); ++i) EXPECT_GE(trace[i], trace[i - 1] - 1e-12) << i;
  // Timeline of y: everybody says false.
  EXPECT_EQ(solution.timelines[1][0].state, 0U);
  EXPECT_EQ(solution.timelines[1][0].last_step, 2U);
}

TEST(DawidSkene, PerfectSourceGetsTheTopReliability) {
  // Truth is "true" for items 0-5 and "false" for 6-11; A is always right, B and C err on
  // different items.
  DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Predicate("p", ValueKind::kBoolean);
  for (int i = 0; i < 12; ++i) {
    const bool truth = i < 6;
    const std::string item = "i" + std::to_string(i);
    builder.Claim("A", item, "p", Value::Boolean(truth));
    builder.Claim("B", item, "p", Value::Boolean(i % 3 == 0 ? !truth : truth));
    builder.Claim("C", item, "p", Value::Boolean(i % 4 == 1 ? !truth : truth));
  }
  const Solution solution = CreateSolver("dawid-skene")->Solve(builder.Store(), SolverOptions{});
  EXPECT_GT(solution.reliability[0], solution.reliability[1]);
  EXPECT_GT(solution.reliability[0], solution.reliability[2]);
}

TEST(DawidSkene, DeclaredDomainGetsFullConfusionMatrices) {
  // Three labels; B systematically says "b" when the truth is "a" (a confusion the one-coin
  // model cannot express but a full matrix can).
  DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Predicate("kind", ValueKind::kCategory);
  const char* truth[] = {"a", "b", "c", "a", "b", "c", "a", "c"};
  std::vector<Answer> answers;
  for (int i = 0; i < 8; ++i) {
    const std::string item = "i" + std::to_string(i);
    const std::string t = truth[i];
    const std::string b = t == "a" ? "b" : t;
    const std::string c = i == 4 ? "a" : t;
    builder.Claim("A", item, "kind", Value::Category(t));
    builder.Claim("B", item, "kind", Value::Category(b));
    builder.Claim("C", item, "kind", Value::Category(c));
    answers.push_back({i, 0, t[0] - 'a', 1.0});
    answers.push_back({i, 1, b[0] - 'a', 1.0});
    answers.push_back({i, 2, c[0] - 'a', 1.0});
  }
  ClaimsDocument document = builder.Document();
  document.predicates[0].domain = {Value::Category("a"), Value::Category("b"),
                                   Value::Category("c")};
  const ClaimStore store = BuildClaimStore(document);

  ReferenceDs ref{8, 3, 3, answers, {}, {}, {}};
  ref.t.assign(8, std::vector<double>(3, 0.0));
  for (const Answer& a : answers) ref.t[a.item][a.label] += 1.0 / 3.0;
  SolverOptions options;
  options.max_iterations = 3;
  std::vector<double> trace;
  for (int i = 0; i <= options.max_iterations; ++i) {
    ref.MStep();
    trace.push_back(ref.EStep());
  }
  const Solution solution = CreateSolver("dawid-skene")->Solve(store, options);
  ASSERT_EQ(solution.summary.log_likelihood.size(), trace.size());
  for (std::size_t i = 0; i < trace.size(); ++i) {
    EXPECT_NEAR(solution.summary.log_likelihood[i], trace[i], 1e-10) << i;
  }
  for (std::size_t c = 0; c < answers.size(); ++c) {
    EXPECT_NEAR(solution.claim_probability[c], ref.t[answers[c].item][answers[c].label], 1e-10);
  }
  // Run to convergence: item 0 (A "a", B "b", C "a") is decided for "a" thanks to B's matrix.
  const Solution full = CreateSolver("dawid-skene")->Solve(store, SolverOptions{});
  EXPECT_EQ(store.ValuesOf(0)[full.timelines[0][0].state].ToDisplay(), "a");
  EXPECT_GT(full.timelines[0][0].probability, 0.99);
}

TEST(DawidSkene, WithoutADomainFallsBackToOneCoin) {
  // One proposition, states red, blue, "none of these" (K = 3).
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Outlet("C")
                               .Predicate("colour", ValueKind::kCategory)
                               .Claim("A", "x", "colour", Value::Category("red"))
                               .Claim("B", "x", "colour", Value::Category("red"))
                               .Claim("C", "x", "colour", Value::Category("blue"))
                               .Store();
  ASSERT_EQ(store.propositions()[0].num_states(), 3U);
  // Vote shares (2/3, 1/3, 0) -> accuracies (0.01 + share) / 1.02 -> posterior.
  const double a_red = (0.01 + 2.0 / 3.0) / 1.02;
  const double a_blue = (0.01 + 1.0 / 3.0) / 1.02;
  const double red = a_red * a_red * (1 - a_blue) / 2;
  const double blue = (1 - a_red) / 2 * (1 - a_red) / 2 * a_blue;
  const double other = (1 - a_red) / 2 * (1 - a_red) / 2 * (1 - a_blue) / 2;
  const double z = red + blue + other;
  const double objective = std::log(z / 3) + 0.01 * (2 * std::log(a_red) + 2 * std::log1p(-a_red) +
                                                     std::log(a_blue) + std::log1p(-a_blue));
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = CreateSolver("dawid-skene")->Solve(store, options);
  EXPECT_NEAR(solution.summary.log_likelihood[0], objective, 1e-12);
  EXPECT_EQ(solution.timelines[0][0].state, 0U);
  EXPECT_EQ(solution.influences[2].size(), 2U);  // C's claim is moved by A's and B's groups
}

TEST(DawidSkene, EmptyStoreFails) {
  const Solution solution =
      CreateSolver("dawid-skene")->Solve(DocumentBuilder().Store(), SolverOptions{});
  EXPECT_EQ(solution.summary.termination, TerminationType::kUserFailure);
}

CREDENCE_SOLVER_PROPERTY_TESTS(DawidSkeneProperties, internal::MakeDawidSkeneSolver)

}  // namespace
}  // namespace credence

#include <gtest/gtest.h>

#include <algorithm>
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

// An answer of the reference computation: item, worker, label, weight.
struct Answer {
  int item;
  int worker;
  int label;
  double weight;
};

// A direct transcription of the paper's EM with the population-centred pseudo-counts of
// docs/model.md, written for the test on plain arrays, independent of the solver's layout:
// m * J[true][said] on every worker's matrix, J the joint share of (true, said) over all answers
// under the starting t; m * r[class] on the class priors, r the class shares of the start.
struct ReferenceDs {
  int items, workers, k;
  std::vector<Answer> answers;
  std::vector<std::vector<double>> t;                // [item][class]
  std::vector<std::vector<std::vector<double>>> pi;  // [worker][true][said]
  std::vector<double> rho;
  std::vector<std::vector<double>> joint;  // m * J
  std::vector<double> class_pseudo;        // m * r

  // Call once with the starting t.
  void Centre(double m) {
    joint.assign(k, std::vector<double>(k, 0.0));
    double total = 0.0;
    for (const Answer& a : answers) {
      for (int truth = 0; truth < k; ++truth) {
        joint[truth][a.label] += a.weight * t[a.item][truth];
        total += a.weight * t[a.item][truth];
      }
    }
    for (auto& row : joint) {
      for (double& x : row) x = m * std::max(x / total, 1e-6);
    }
    class_pseudo.assign(k, 0.0);
    for (int i = 0; i < items; ++i) {
      for (int c = 0; c < k; ++c) class_pseudo[c] += t[i][c] / items;
    }
    for (double& x : class_pseudo) x = m * std::max(x, 1e-6);
  }

  void MStep() {
    pi.assign(workers, joint);
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
    rho = class_pseudo;
    for (int i = 0; i < items; ++i) {
      for (int c = 0; c < k; ++c) rho[c] += t[i][c];
    }
    double total = 0.0;
    for (double x : rho) total += x;
    for (double& x : rho) x /= total;
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
    for (int c = 0; c < k; ++c) log_prior += class_pseudo[c] * std::log(rho[c]);
    for (int w = 0; w < workers; ++w) {
      for (int truth = 0; truth < k; ++truth) {
        for (int said = 0; said < k; ++said) {
          log_prior += joint[truth][said] * std::log(pi[w][truth][said]);
        }
      }
    }
    t = next;
    return objective + log_prior;
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
  ReferenceDs ref{3, 3, 2, {}, {}, {}, {}, {}, {}};
  ref.answers = {{0, 0, 1, 1.0}, {0, 1, 1, 1.0}, {0, 2, 0, 0.5}, {1, 0, 0, 1.0}, {1, 1, 0, 1.0},
                 {1, 2, 0, 1.0}, {2, 0, 1, 1.0}, {2, 1, 0, 1.0}, {2, 2, 1, 1.0}};
  // Majority-vote shares: x 1 true vs 0.5 false of 1.5 (weights 1, 1, 0.5 -> 2 : 0.5).
  ref.t = {{0.5 / 2.5, 2.0 / 2.5}, {1.0, 0.0}, {1.0 / 3.0, 2.0 / 3.0}};
  ref.Centre(SolverOptions{}.confusion_pseudo_count);
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
  ReferenceDs ref{3, 3, 2, {}, {}, {}, {}, {}, {}};
  ref.answers = {{0, 0, 1, 1.0}, {0, 1, 1, 1.0}, {0, 2, 0, 0.5}, {1, 0, 0, 1.0}, {1, 1, 0, 1.0},
                 {1, 2, 0, 1.0}, {2, 0, 1, 1.0}, {2, 1, 0, 1.0}, {2, 2, 1, 1.0}};
  ref.t = {{0.5 / 2.5, 2.0 / 2.5}, {1.0, 0.0}, {1.0 / 3.0, 2.0 / 3.0}};
  ref.Centre(SolverOptions{}.confusion_pseudo_count);
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

  ReferenceDs ref{8, 3, 3, answers, {}, {}, {}, {}, {}};
  ref.t.assign(8, std::vector<double>(3, 0.0));
  for (const Answer& a : answers) ref.t[a.item][a.label] += 1.0 / 3.0;
  ref.Centre(SolverOptions{}.confusion_pseudo_count);
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
  // Run to convergence: item 0 (A "a", B "b", C "a") is decided for "a" thanks to B's matrix
  // (less sharply than with no prior: the population prior of one answer tempers it).
  const Solution full = CreateSolver("dawid-skene")->Solve(store, SolverOptions{});
  EXPECT_EQ(store.ValuesOf(0)[full.timelines[0][0].state].ToDisplay(), "a");
  EXPECT_GT(full.timelines[0][0].probability, 0.95);
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
  // Vote shares (2/3, 1/3, 0). The accuracy prior is centred on the population's share of
  // weight on its own state, A = (2/3 + 2/3 + 1/3) / 3 = 5/9, with the weight of m = 1 answer:
  // a = (m A + share) / (m + 1).
  const double m = 1.0;
  const double centre = 5.0 / 9.0;
  const double a_red = (m * centre + 2.0 / 3.0) / (m + 1.0);
  const double a_blue = (m * centre + 1.0 / 3.0) / (m + 1.0);
  const double red = a_red * a_red * (1 - a_blue) / 2;
  const double blue = (1 - a_red) / 2 * (1 - a_red) / 2 * a_blue;
  const double other = (1 - a_red) / 2 * (1 - a_red) / 2 * (1 - a_blue) / 2;
  const double z = red + blue + other;
  const auto log_prior = [&](double a) {
    return m * centre * std::log(a) + m * (1.0 - centre) * std::log1p(-a);
  };
  const double objective = std::log(z / 3) + 2 * log_prior(a_red) + log_prior(a_blue);
  SolverOptions options;
  options.max_iterations = 1;
  options.confusion_pseudo_count = m;
  const Solution solution = CreateSolver("dawid-skene")->Solve(store, options);
  EXPECT_NEAR(solution.summary.log_likelihood[0], objective, 1e-12);
  EXPECT_EQ(solution.timelines[0][0].state, 0U);
  EXPECT_EQ(solution.influences[2].size(), 2U);  // C's claim is moved by A's and B's groups
}

// crowd-kit's overlap test (tests/aggregation/test_ds_aggregation.py, test_dawid_skene_overlap):
// N workers answer three tasks each, "no" on task (worker mod 3) and "yes" on the other two, so
// every task has a third of "no". Nothing tells the tasks or the workers apart; crowd-kit
// expects P(yes) = 2/3 on every task (atol 0.005). A fixed pseudo-count per confusion cell
// (the former 0.01) is a larger share of a worker's "no" row than of its "yes" row; summed over
// thousands of workers that tilt decides the answer: an independent transcription of that rule
// gives P(yes) of 1.0, 1.0 and 0.003 on the three tasks at N = 3 and 1.0 everywhere at
// N = 30000. A prior centred on the population's matrix is no tilt at all.
ClaimStore Overlap(int workers) {
  DocumentBuilder builder;
  builder.Predicate("label", ValueKind::kCategory);
  for (int w = 0; w < workers; ++w) builder.Outlet("w" + std::to_string(w));
  for (int w = 0; w < workers; ++w) {
    for (int t = 0; t < 3; ++t) {
      builder.Claim("w" + std::to_string(w), "t" + std::to_string(t), "label",
                    Value::Category((w - t) % 3 != 0 ? "yes" : "no"));
    }
  }
  ClaimsDocument document = builder.Document();
  document.predicates[0].domain = {Value::Category("no"), Value::Category("yes")};
  return BuildClaimStore(std::move(document));
}

TEST(DawidSkene, CrowdKitOverlapCaseStaysAtTheVoteShares) {
  for (const int workers : {3, 300, 30000}) {
    const ClaimStore store = Overlap(workers);
    const Solution solution = CreateSolver("dawid-skene")->Solve(store, SolverOptions{});
    for (std::size_t p = 0; p < store.num_propositions(); ++p) {
      const auto values = store.ValuesOf(p);
      const std::uint32_t yes = values[0].ToDisplay() == "yes" ? 0 : 1;
      ASSERT_EQ(values[yes].ToDisplay(), "yes");
      EXPECT_EQ(solution.timelines[p][0].state, yes) << workers;
      for (std::uint32_t c : store.ClaimsOfProposition(p)) {
        const double expected = store.claim_state()[c] == yes ? 2.0 / 3.0 : 1.0 / 3.0;
        ASSERT_NEAR(solution.claim_probability[c], expected, 0.005) << workers << " " << p;
      }
    }
  }
}

TEST(DawidSkene, EmptyStoreFails) {
  const Solution solution =
      CreateSolver("dawid-skene")->Solve(DocumentBuilder().Store(), SolverOptions{});
  EXPECT_EQ(solution.summary.termination, TerminationType::kUserFailure);
}

CREDENCE_SOLVER_PROPERTY_TESTS(DawidSkeneProperties, internal::MakeDawidSkeneSolver)

}  // namespace
}  // namespace credence

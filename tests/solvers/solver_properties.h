// Property checks shared by the tests of the static solvers (crowd and truth-discovery families:
// every algorithm gets the same five properties from one macro).
#ifndef CREDENCE_TESTS_SOLVERS_SOLVER_PROPERTIES_H_
#define CREDENCE_TESTS_SOLVERS_SOLVER_PROPERTIES_H_

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "test_support.h"

namespace credence::testing {

using SolverFactory = std::unique_ptr<Solver> (*)();

// Four sources answer the same six items; A is always right, B, C and D are wrong on one or two
// items each with distinct wrong values, so the majority is always right.
inline ClaimStore PerfectSourceStore(bool reversed) {
  struct Row {
    std::string source;
    std::string item;
    std::string value;
  };
  std::vector<Row> rows;
  const std::vector<std::string> sources = {"A", "B", "C", "D"};
  for (int item = 0; item < 6; ++item) {
    for (const std::string& source : sources) {
      const bool wrong = (source == "B" && item == 0) || (source == "C" && item == 1) ||
                         (source == "D" && (item == 2 || item == 3));
      rows.push_back({source, "item" + std::to_string(item), wrong ? "wrong-" + source : "right"});
    }
  }
  // One extra claim by D on a seventh item, so that claim counts differ.
  rows.push_back({"D", "item6", "right"});
  if (reversed) rows = std::vector<Row>(rows.rbegin(), rows.rend());
  DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Outlet("D").Predicate("label", ValueKind::kCategory);
  for (const Row& row : rows)
    builder.Claim(row.source, row.item, "label", Value::Category(row.value));
  return builder.Store();
}

inline void ExpectPerfectSourceOnTop(SolverFactory make) {
  const ClaimStore store = PerfectSourceStore(false);
  const Solution solution = make()->Solve(store, SolverOptions{});
  const std::size_t a = store.FindOutlet("A");
  for (std::size_t s = 0; s < store.num_outlets(); ++s) {
    if (s != a) {
      EXPECT_GT(solution.reliability[a], solution.reliability[s]) << s;
    }
  }
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const std::uint32_t state = solution.timelines[p][0].state;
    EXPECT_EQ(store.ValuesOf(p)[state].ToDisplay(), "right");
  }
}

// Binary labels: A is always right, B wrong on every third item, C on every fourth (from 1).
inline void ExpectPerfectBinarySourceOnTop(SolverFactory make) {
  DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Predicate("p", ValueKind::kBoolean);
  for (int i = 0; i < 12; ++i) {
    const bool truth = i % 2 == 0;
    const std::string item = "i" + std::to_string(i);
    builder.Claim("A", item, "p", Value::Boolean(truth));
    builder.Claim("B", item, "p", Value::Boolean(i % 3 == 0 ? !truth : truth));
    builder.Claim("C", item, "p", Value::Boolean(i % 4 == 1 ? !truth : truth));
  }
  const Solution solution = make()->Solve(builder.Store(), SolverOptions{});
  EXPECT_GT(solution.reliability[0], solution.reliability[1]);
  EXPECT_GT(solution.reliability[0], solution.reliability[2]);
}

inline void ExpectPermutationInvariant(SolverFactory make) {
  const ClaimStore forward = PerfectSourceStore(false);
  const ClaimStore backward = PerfectSourceStore(true);
  const Solution a = make()->Solve(forward, SolverOptions{});
  const Solution b = make()->Solve(backward, SolverOptions{});
  ASSERT_EQ(a.reliability.size(), b.reliability.size());
  for (std::size_t s = 0; s < a.reliability.size(); ++s) {
    const std::uint32_t t = backward.FindOutlet(forward.outlets()[s].id);
    EXPECT_NEAR(a.reliability[s], b.reliability[t], 1e-12);
  }
  const std::size_t n = forward.num_claims();
  for (std::size_t c = 0; c < n; ++c) {
    EXPECT_NEAR(a.claim_probability[c], b.claim_probability[n - 1 - c], 1e-12) << c;
  }
  EXPECT_EQ(a.summary.iterations, b.summary.iterations);
}

inline void ExpectThreadIndependent(SolverFactory make) {
  const ClaimStore store = PerfectSourceStore(false);
  SolverOptions one;
  SolverOptions three;
  three.num_threads = 3;
  const Solution a = make()->Solve(store, one);
  const Solution b = make()->Solve(store, three);
  EXPECT_EQ(a.reliability, b.reliability);
  EXPECT_EQ(a.true_weight, b.true_weight);
  ASSERT_EQ(a.claim_probability.size(), b.claim_probability.size());
  for (std::size_t c = 0; c < a.claim_probability.size(); ++c) {
    EXPECT_EQ(a.claim_probability[c], b.claim_probability[c]);
  }
  EXPECT_EQ(a.summary.iterations, b.summary.iterations);
  EXPECT_EQ(a.summary.log_likelihood, b.summary.log_likelihood);
  ASSERT_EQ(a.influences.size(), b.influences.size());
  for (std::size_t c = 0; c < a.influences.size(); ++c) {
    ASSERT_EQ(a.influences[c].size(), b.influences[c].size());
    for (std::size_t i = 0; i < a.influences[c].size(); ++i) {
      EXPECT_EQ(a.influences[c][i].group, b.influences[c][i].group);
      EXPECT_EQ(a.influences[c][i].delta, b.influences[c][i].delta);
    }
  }
}

inline void ExpectCapIsNotConvergence(SolverFactory make) {
  const ClaimStore store = PerfectSourceStore(false);
  SolverOptions options;
  options.max_iterations = 1;
  const Solution solution = make()->Solve(store, options);
  EXPECT_EQ(solution.summary.iterations, 1);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
}

inline void ExpectFailureWithoutClaims(SolverFactory make) {
  const ClaimStore store = DocumentBuilder().Outlet("A").Store();
  const Solution solution = make()->Solve(store, SolverOptions{});
  EXPECT_EQ(solution.summary.termination, TerminationType::kUserFailure);
}

// The example of majority_vote_test: x: A, B say red, C blue; y: A, C say green.
inline ClaimStore SmallStore() {
  return DocumentBuilder()
      .Outlet("A")
      .Outlet("B")
      .Outlet("C")
      .Predicate("colour", ValueKind::kCategory)
      .Claim("A", "x", "colour", Value::Category("red"))
      .Claim("B", "x", "colour", Value::Category("red"))
      .Claim("C", "x", "colour", Value::Category("blue"))
      .Claim("A", "y", "colour", Value::Category("green"))
      .Claim("C", "y", "colour", Value::Category("green"))
      .Store();
}

}  // namespace credence::testing

#define CREDENCE_SOLVER_PROPERTY_TESTS(Suite, factory)        \
  TEST(Suite, PerfectSourceGetsTopReliability) {              \
    ::credence::testing::ExpectPerfectSourceOnTop(factory);   \
  }                                                           \
  TEST(Suite, PermutingClaimsChangesNothing) {                \
    ::credence::testing::ExpectPermutationInvariant(factory); \
  }                                                           \
  TEST(Suite, IdenticalForAnyThreadCount) {                   \
    ::credence::testing::ExpectThreadIndependent(factory);    \
  }                                                           \
  TEST(Suite, IterationCapIsNotConvergence) {                 \
    ::credence::testing::ExpectCapIsNotConvergence(factory);  \
  }                                                           \
  TEST(Suite, NoClaimsIsAUserFailure) { ::credence::testing::ExpectFailureWithoutClaims(factory); }

#endif  // CREDENCE_TESTS_SOLVERS_SOLVER_PROPERTIES_H_

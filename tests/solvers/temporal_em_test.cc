// The temporal EM checked against hand computations. Reliabilities are pinned near 0.8 by a
// dominant Beta prior (alpha = 8e5, beta = 2e5), so one E-step can be worked out on paper.
#include <gtest/gtest.h>

#include <cmath>

#include "credence/score.h"
#include "credence/solver.h"
#include "test_support.h"

namespace credence {
namespace {

using testing::DocumentBuilder;

SolverOptions PinnedOptions() {
  SolverOptions options;
  options.prior_alpha = 8e5;
  options.prior_beta = 2e5;
  options.change_rate_per_year = 0.5;
  options.change_rate_prior_years = 1e9;  // the rate stays at its prior mean
  return options;
}

TEST(TemporalEm, StaticBooleanTwoAgainstOne) {
  // A and B say true, C says false, each right with probability 0.8:
  // P(true) ∝ 0.8 * 0.8 * 0.2 = 0.128, P(false) ∝ 0.2 * 0.2 * 0.8 = 0.032 -> 0.8.
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Outlet("C")
                               .Predicate("founded_in_rome", ValueKind::kBoolean)
                               .Claim("A", "x", "founded_in_rome", Value::Boolean(true))
                               .Claim("B", "x", "founded_in_rome", Value::Boolean(true))
                               .Claim("C", "x", "founded_in_rome", Value::Boolean(false))
                               .Store();
  const Solution solution = CreateSolver("temporal-em")->Solve(store, PinnedOptions());
  EXPECT_NEAR(solution.claim_probability[0], 0.8, 1e-4);
  EXPECT_NEAR(solution.claim_probability[1], 0.8, 1e-4);
  EXPECT_NEAR(solution.claim_probability[2], 0.2, 1e-4);
  ASSERT_EQ(solution.timelines.size(), 1U);
  ASSERT_EQ(solution.timelines[0].size(), 1U);
  EXPECT_EQ(solution.timelines[0][0].state, 1U);  // true
}

TEST(TemporalEm, OneChangeOfValueMatchesPathEnumeration) {
  // Three outlets, two propositions. Day 0: A and B say x is not a member; day 365: A and C
  // say it is (mutable, 0.5 changes a year). A static category: A and C say x's capital is
  // "north", B says "south".
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Outlet("C")
                               .Predicate("member", ValueKind::kBoolean, /*is_mutable=*/true)
                               .Predicate("capital", ValueKind::kCategory)
                               .Claim("A", "x", "member", Value::Boolean(false), 0)
                               .Claim("B", "x", "member", Value::Boolean(false), 0)
                               .Claim("A", "x", "member", Value::Boolean(true), 365)
                               .Claim("C", "x", "member", Value::Boolean(true), 365)
                               .Claim("A", "x", "capital", Value::Category("north"), 10)
                               .Claim("B", "x", "capital", Value::Category("south"), 10)
                               .Claim("C", "x", "capital", Value::Category("north"), 10)
                               .Store();
  const Solution solution = CreateSolver("temporal-em")->Solve(store, PinnedOptions());

  // Independent computation: enumerate the four paths (X0, X1). A boolean leaves its state at
  // 0.5 a year, so c = exp(-2 * 0.5 * 365 / 365.2425) (mu = lambda K / (K - 1)).
  const double stay = std::exp(-2.0 * 0.5 * 365.0 / 365.2425);
  const double same = stay + (1.0 - stay) / 2.0;
  const double differ = (1.0 - stay) / 2.0;
  const double a = 0.8;
  const double e0[2] = {a * a, (1 - a) * (1 - a)};  // step 0 emission for X0 = false, true
  const double e1[2] = {(1 - a) * (1 - a), a * a};  // step 1 emission for X1 = false, true
  double joint[2][2];
  double z = 0.0;
  for (int x0 = 0; x0 < 2; ++x0) {
    for (int x1 = 0; x1 < 2; ++x1) {
      joint[x0][x1] = 0.5 * e0[x0] * (x0 == x1 ? same : differ) * e1[x1];
      z += joint[x0][x1];
    }
  }
  const double p_first_false = (joint[0][0] + joint[0][1]) / z;
  const double p_second_true = (joint[0][1] + joint[1][1]) / z;
  // By hand: c = 0.36812, same = 0.68406, differ = 0.31594; the joints are 0.0087560,
  // 0.0647045, 0.0002528, 0.0087560, so P(first false) = 0.0734605 / 0.0824693.
  EXPECT_NEAR(p_first_false, 0.89076, 1e-4);
  EXPECT_NEAR(solution.claim_probability[0], p_first_false, 1e-4);
  EXPECT_NEAR(solution.claim_probability[1], p_first_false, 1e-4);
  EXPECT_NEAR(solution.claim_probability[2], p_second_true, 1e-4);
  EXPECT_NEAR(solution.claim_probability[3], p_second_true, 1e-4);

  // The capital has three states (north, south, none of these); a wrong claim puts
  // (1 - 0.8) / 2 = 0.1 on each other state:
  // P(north) ∝ 0.8 * 0.1 * 0.8, P(south) ∝ 0.1 * 0.8 * 0.1, P(none) ∝ 0.1 * 0.1 * 0.1,
  // so P(north) = 0.064 / 0.073 = 0.877 and P(south) = 0.008 / 0.073 = 0.110.
  const double north = 0.8 * 0.1 * 0.8;
  const double south = 0.1 * 0.8 * 0.1;
  const double none = 0.1 * 0.1 * 0.1;
  EXPECT_NEAR(solution.claim_probability[4], north / (north + south + none), 1e-4);
  EXPECT_NEAR(solution.claim_probability[5], south / (north + south + none), 1e-4);

  // The most probable path is (false, true): two segments, the change at day 365.
  ASSERT_EQ(solution.timelines[0].size(), 2U);
  EXPECT_EQ(solution.timelines[0][0].state, 0U);
  EXPECT_EQ(solution.timelines[0][1].state, 1U);
  EXPECT_EQ(solution.timelines[0][1].first_step, 2U);

  // The change: P(X0 = false, X1 = true) = 0.0647045 / 0.0824693 = 0.78459, and given X0 = false
  // 0.0647045 / 0.0734605 = 0.88081. With no dated change the hazard is flat over days 1..365:
  // the median day is 183, the 5% and 95% quantiles days 19 and 347.
  ASSERT_EQ(solution.changes.size(), 2U);
  ASSERT_EQ(solution.changes[0].size(), 1U);
  EXPECT_NEAR(solution.changes[0][0].probability, 0.78459, 1e-4);
  EXPECT_NEAR(solution.changes[0][0].probability_if_earlier_true, 0.88081, 1e-4);
  EXPECT_EQ(solution.changes[0][0].at, 183);
  EXPECT_EQ(solution.changes[0][0].earliest, 19);
  EXPECT_EQ(solution.changes[0][0].latest, 347);

  SolverOptions options = PinnedOptions();
  options.confirm_threshold = 0.85;  // p = 0.891 for the claims, 0.881 for the change
  const ScoreReport report = Score(store, options);
  ASSERT_EQ(report.supersessions.size(), 1U);
  EXPECT_EQ(report.supersessions[0].at, 183);
  EXPECT_EQ(report.timelines[0][1].from, 183);
  EXPECT_EQ(report.supersessions[0].kind, SupersessionKind::kWorldChange);
  EXPECT_EQ(report.claims[0].status, ClaimStatus::kSuperseded);
  EXPECT_EQ(report.claims[1].status, ClaimStatus::kSuperseded);
  EXPECT_EQ(report.claims[2].status, ClaimStatus::kConfirmed);
  EXPECT_EQ(report.claims[0].superseded_by, (std::vector<std::uint32_t>{2, 3}));
}

TEST(TemporalEm, StaticPredicateNeverChanges) {
  // The same claims on a static predicate: one segment, and the day-0 claims are contradicted
  // or the day-365 ones are; by symmetry the tie goes to the lower state (false).
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Outlet("C")
                               .Predicate("born_in", ValueKind::kBoolean)
                               .Claim("A", "x", "born_in", Value::Boolean(false), 0)
                               .Claim("B", "x", "born_in", Value::Boolean(false), 0)
                               .Claim("A", "x", "born_in", Value::Boolean(true), 365)
                               .Claim("C", "x", "born_in", Value::Boolean(true), 365)
                               .Store();
  const Solution solution = CreateSolver("temporal-em")->Solve(store, PinnedOptions());
  ASSERT_EQ(solution.timelines[0].size(), 1U);
  EXPECT_NEAR(solution.claim_probability[0], 0.5, 1e-4);
  EXPECT_NEAR(solution.claim_probability[2], 0.5, 1e-4);
}

TEST(TemporalEm, RelayedCopiesWeighAsOneClaim) {
  // Two outlets relaying one upstream (same via) must move the probability exactly as much as
  // one first-hand claim by that upstream.
  const auto with_relays = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Outlet("up")
                               .Outlet("C")
                               .Predicate("p", ValueKind::kBoolean)
                               .Claim("A", "x", "p", Value::Boolean(true), 0, {"up"})
                               .Claim("B", "x", "p", Value::Boolean(true), 0, {"up"})
                               .Claim("C", "x", "p", Value::Boolean(false))
                               .Store();
  const auto first_hand = DocumentBuilder()
                              .Outlet("A")
                              .Outlet("B")
                              .Outlet("up")
                              .Outlet("C")
                              .Predicate("p", ValueKind::kBoolean)
                              .Claim("up", "x", "p", Value::Boolean(true))
                              .Claim("C", "x", "p", Value::Boolean(false))
                              .Store();
  const SolverOptions options = PinnedOptions();
  const Solution relayed = CreateSolver("temporal-em")->Solve(with_relays, options);
  const Solution direct = CreateSolver("temporal-em")->Solve(first_hand, options);
  // One claim each way at equal reliability: a coin flip, not two-to-one.
  EXPECT_NEAR(relayed.claim_probability[0], 0.5, 1e-4);
  EXPECT_NEAR(relayed.claim_probability[0], direct.claim_probability[0], 1e-9);
  EXPECT_NEAR(relayed.claim_probability[2], direct.claim_probability[1], 1e-9);
  // The relaying outlets get no content evidence; the upstream answers for it.
  EXPECT_EQ(relayed.total_weight[0], 0.0);
  EXPECT_EQ(relayed.total_weight[1], 0.0);
  EXPECT_NEAR(relayed.total_weight[2], 1.0, 1e-12);
}

TEST(TemporalEm, ConfidenceWeightsTheEvidence) {
  // A low-confidence claim counts as a fraction of one: with weight 0.5 against a full claim,
  // P(true) ∝ 0.8^0.5 * 0.2 versus 0.2^0.5 * 0.8.
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Predicate("p", ValueKind::kBoolean)
                               .Claim("A", "x", "p", Value::Boolean(true), 0, {}, 0.5)
                               .Claim("B", "x", "p", Value::Boolean(false))
                               .Store();
  const Solution solution = CreateSolver("temporal-em")->Solve(store, PinnedOptions());
  const double t = std::sqrt(0.8) * 0.2;
  const double f = std::sqrt(0.2) * 0.8;
  EXPECT_NEAR(solution.claim_probability[0], t / (t + f), 1e-4);
}

TEST(TemporalEm, EmObjectiveNeverDecreasesAndPerfectSourceRanksFirst) {
  // Five propositions; A is always with the majority, D always against it.
  DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Outlet("D").Predicate("p", ValueKind::kCategory);
  for (int i = 0; i < 5; ++i) {
    const std::string subject = "s" + std::to_string(i);
    builder.Claim("A", subject, "p", Value::Category("yes"));
    builder.Claim("B", subject, "p", Value::Category(i == 0 ? "no" : "yes"));
    builder.Claim("C", subject, "p", Value::Category(i == 1 ? "no" : "yes"));
    builder.Claim("D", subject, "p", Value::Category("no"));
  }
  const ClaimStore store = builder.Store();
  const Solution solution = CreateSolver("temporal-em")->Solve(store, SolverOptions{});
  EXPECT_TRUE(solution.summary.IsConverged());
  const auto& trace = solution.summary.log_likelihood;
  ASSERT_GE(trace.size(), 2U);
  for (std::size_t i = 1; i < trace.size(); ++i) EXPECT_GE(trace[i], trace[i - 1] - 1e-9) << i;
  EXPECT_GT(solution.reliability[0], solution.reliability[1]);
  EXPECT_GT(solution.reliability[0], solution.reliability[2]);
  EXPECT_LT(solution.reliability[3], 0.5);
}

TEST(TemporalEm, IterationCapIsNeverReportedAsConverged) {
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Predicate("p", ValueKind::kBoolean)
                               .Claim("A", "x", "p", Value::Boolean(true))
                               .Claim("B", "x", "p", Value::Boolean(false))
                               .Claim("A", "y", "p", Value::Boolean(true))
                               .Store();
  SolverOptions options;
  options.max_iterations = 1;
  options.tolerance = 1e-15;
  const Solution solution = CreateSolver("temporal-em")->Solve(store, options);
  EXPECT_EQ(solution.summary.iterations, 1);
  EXPECT_EQ(solution.summary.termination, TerminationType::kNoConvergence);
  EXPECT_FALSE(solution.summary.IsConverged());
}

TEST(TemporalEm, SameResultForAnyThreadCount) {
  DocumentBuilder builder;
  builder.Outlet("A").Outlet("B").Outlet("C").Predicate("p", ValueKind::kBoolean, true);
  for (int i = 0; i < 40; ++i) {
    const std::string subject = "s" + std::to_string(i);
    builder.Claim("A", subject, "p", Value::Boolean(i % 3 == 0), i);
    builder.Claim("B", subject, "p", Value::Boolean(i % 2 == 0), 2 * i);
    builder.Claim("C", subject, "p", Value::Boolean(true), 400 + i);
  }
  const ClaimStore store = builder.Store();
  SolverOptions one;
  SolverOptions four;
  four.num_threads = 4;
  const Solution a = CreateSolver("temporal-em")->Solve(store, one);
  const Solution b = CreateSolver("temporal-em")->Solve(store, four);
  EXPECT_EQ(a.reliability, b.reliability);  // bitwise
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    EXPECT_EQ(a.claim_probability[c], b.claim_probability[c]) << c;
  }
  EXPECT_EQ(a.summary.log_likelihood, b.summary.log_likelihood);
}

}  // namespace
}  // namespace credence

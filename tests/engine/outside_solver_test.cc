// Score() takes any Solver: a researcher's own algorithm gets the statuses, timelines and
// writers of the built-in ones.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "credence/output.h"
#include "credence/score.h"
#include "test_support.h"

namespace credence {
namespace {

// Believes every "true" claim at 0.95 and every "false" one at 0.05, rates every source 0.7 and
// leaves the timelines to Score.
class BelieveTrue final : public Solver {
 public:
  std::string_view Name() const override { return "believe-true"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& /*options*/) const override {
    Solution solution;
    solution.summary.algorithm = "believe-true";
    solution.summary.termination = TerminationType::kConvergence;
    solution.reliability.assign(store.num_outlets(), 0.7);
    for (std::size_t c = 0; c < store.num_claims(); ++c) {
      solution.claim_probability.push_back(store.claim_state()[c] == 1 ? 0.95 : 0.05);
    }
    return solution;
  }
};

// Returns a timeline that skips the proposition's first claim.
class BadTimeline final : public Solver {
 public:
  std::string_view Name() const override { return "bad-timeline"; }
  Solution Solve(const ClaimStore& store, const SolverOptions& /*options*/) const override {
    Solution solution;
    solution.summary.algorithm = "bad-timeline";
    solution.claim_probability.assign(store.num_claims(), 0.5);
    solution.timelines.assign(store.num_propositions(), {{1, 1, 1, 0.5}});
    return solution;
  }
};

ClaimStore TwoClaims() {
  return testing::DocumentBuilder()
      .Outlet("A")
      .Outlet("B")
      .Predicate("member", ValueKind::kBoolean)
      .Claim("A", "x", "member", Value::Boolean(true), 0)
      .Claim("B", "x", "member", Value::Boolean(false), 0)
      .Store();
}

TEST(OutsideSolver, GetsStatusesTimelinesAndTheScoresDocument) {
  const ClaimStore store = TwoClaims();
  SolverOptions options;
  options.algorithm = "believe-true";
  const ScoreReport report = Score(store, BelieveTrue(), options);
  EXPECT_EQ(report.summary.algorithm, "believe-true");
  EXPECT_EQ(report.claims[0].status, ClaimStatus::kConfirmed);     // 0.95 >= 0.9
  EXPECT_EQ(report.claims[1].status, ClaimStatus::kContradicted);  // 0.05 <= 0.1
  ASSERT_EQ(report.timelines[0].size(), 1U);
  EXPECT_EQ(report.timelines[0][0].state, 1U);  // the state of the most probable claim
  EXPECT_DOUBLE_EQ(report.timelines[0][0].probability, 0.95);
  EXPECT_DOUBLE_EQ(report.outlets[0].reliability, 0.7);
  const std::string json = ScoresToJson(store, report);
  EXPECT_NE(json.find("\"algorithm\": \"believe-true\""), std::string::npos);
}

TEST(OutsideSolver, ATimelineThatDoesNotCoverTheClaimsIsRefused) {
  SolverOptions options;
  EXPECT_THROW(Score(TwoClaims(), BadTimeline(), options), std::invalid_argument);
}

TEST(OutsideSolver, OptionsAreValidatedWhereTheyAreUsed) {
  SolverOptions options;
  options.tolerance = -1.0;
  EXPECT_THROW(Score(TwoClaims(), BelieveTrue(), options), std::invalid_argument);
}

}  // namespace
}  // namespace credence

// fixtures/stale-outlet: an outlet overtaken by the world is not penalised; one that keeps
// repeating the old value after the change is.
#include <gtest/gtest.h>

#include "system/scores_fixture.h"

namespace credence {
namespace {

TEST(StaleOutlet, OvertakenReportsAreSupersededAndStaleRepeatsContradicted) {
  const auto fixture = testing::ScoreFixture("stale-outlet");
  for (const char* id : {"harbor-times-2024-01-15/c1", "north-wire-2024-02-20/c1",
                         "capital-courier-2024-03-18/c1", "river-post-2024-04-15/c1"}) {
    EXPECT_EQ(fixture.Claim(id)["status"], "superseded") << id;
  }
  for (const char* id : {"evening-gazette-2024-07-22/c1", "evening-gazette-2024-09-16/c1"}) {
    EXPECT_EQ(fixture.Claim(id)["status"], "contradicted") << id;
  }
  EXPECT_EQ(fixture.Claim("evening-gazette-2024-05-06/c1")["status"], "confirmed");

  // Every outlet overtaken by the change is rated above the prior mean; the stale one below.
  const double stale = fixture.Outlet("evening-gazette")["reliability"];
  for (const char* id : {"harbor-times", "north-wire", "capital-courier", "river-post"}) {
    const double reliability = fixture.Outlet(id)["reliability"];
    EXPECT_GT(reliability, 0.8) << id;
    EXPECT_GT(reliability, stale + 0.1) << id;
  }
  EXPECT_LT(stale, 0.8);

  const auto& events = fixture.scores["supersessions"];
  ASSERT_EQ(events.size(), 1U);
  // The change is dated by its posterior: after the last report of the old value (6 May) and
  // no later than the first report of the new one (3 June), with a 90% interval around it.
  const std::string at = events[0]["at"];
  EXPECT_GT(at, "2024-05-06");
  EXPECT_LE(at, "2024-06-03");
  EXPECT_LE(events[0]["interval"][0].get<std::string>(), at);
  EXPECT_GE(events[0]["interval"][1].get<std::string>(), at);
  EXPECT_GT(events[0]["probability_if_earlier_true"].get<double>(), 0.9);
  EXPECT_EQ(events[0]["kind"], "world_change");
}

TEST(StaleOutlet, MajorityVoteCannotTellTheChangeFromAnError) {
  // The static baseline sees 6 "true" against 6 "false" claims (the stale outlet's two count as
  // one group) and has no notion of supersession: no event, and one side is simply wrong.
  SolverOptions options;
  options.algorithm = "majority-vote";
  const auto fixture = testing::ScoreFixture("stale-outlet", options);
  EXPECT_TRUE(fixture.scores["supersessions"].empty());
  int superseded = 0;
  for (const auto& claim : fixture.scores["claims"]) superseded += claim["status"] == "superseded";
  EXPECT_EQ(superseded, 0);
}

}  // namespace
}  // namespace credence

// Golden behaviours S1-S9 of the seed story (fixtures/syria-coalition), each checked by hand
// against the fixture README's reading of the five reports.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "system/scores_fixture.h"

namespace credence {
namespace {

using testing::ScoredFixture;
using testing::ScoreFixture;

const std::string kMember = "member_of:global-coalition-against-isis";
const std::string kRequest = "Syria's April 2025 request to join the Global Coalition";
// The April reports (and the implied March state) that Syria was not a member...
const std::set<std::string> kAprilNotMember = {"northpress-2025-04/c2", "unnamed-2025-04-15/c1",
                                               "unnamed-2025-04-15/c3"};
// ...and the November reports that it joined.
const std::set<std::string> kNovemberMember = {"epochtimes-2025-11/c1", "epochtimes-2025-11/c4",
                                               "unnamed-undated-syria-joins/c1"};

class SyriaCoalition : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fixture_ = new ScoredFixture(ScoreFixture("syria-coalition")); }
  static void TearDownTestSuite() { delete fixture_; }
  static const ScoredFixture& fixture() { return *fixture_; }

 private:
  static ScoredFixture* fixture_;
};

ScoredFixture* SyriaCoalition::fixture_ = nullptr;

std::set<std::string> AsSet(const nlohmann::json& array) {
  std::set<std::string> values;
  for (const auto& item : array) values.insert(item.get<std::string>());
  return values;
}

TEST_F(SyriaCoalition, S1MembershipFalseThroughAprilTrueFromNovemberTenth) {
  const auto& timeline = fixture().Proposition("Syria", kMember)["timeline"];
  ASSERT_EQ(timeline.size(), 2U) << timeline.dump(2);
  EXPECT_EQ(timeline[0]["value"], false);
  EXPECT_TRUE(timeline[0]["from"].is_null());
  EXPECT_EQ(timeline[0]["until"], "2025-11-10");
  EXPECT_EQ(timeline[1]["value"], true);
  EXPECT_EQ(timeline[1]["from"], "2025-11-10");
  EXPECT_TRUE(timeline[1]["until"].is_null());

  int events = 0;
  for (const auto& event : fixture().scores["supersessions"]) {
    if (event["predicate"] != kMember) continue;
    ++events;
    EXPECT_EQ(event["subject"], "Syria");
    EXPECT_EQ(event["kind"], "world_change");
    EXPECT_EQ(event["at"], "2025-11-10");
    EXPECT_EQ(event["from_value"], false);
    EXPECT_EQ(event["to_value"], true);
    EXPECT_EQ(AsSet(event["superseded_claims"]), kAprilNotMember);
    EXPECT_EQ(AsSet(event["establishing_claims"]), kNovemberMember);
  }
  EXPECT_EQ(events, 1);
}

TEST_F(SyriaCoalition, S2AprilReportsAreSupersededNotContradicted) {
  for (const std::string& id : kAprilNotMember) {
    const auto& claim = fixture().Claim(id);
    EXPECT_EQ(claim["status"], "superseded") << id;
    EXPECT_EQ(AsSet(claim["superseded_by"]), kNovemberMember) << id;
    EXPECT_GT(claim["probability"].get<double>(), 0.5) << id;  // true as of its own date
  }
  // The sources that answer for the April content (An-Nahar, and Baerbock's call to join, which
  // implies Syria was not a member in March) are not penalised for being overtaken: read as a
  // static fact, the same claims would be wrong, and they would rate clearly lower.
  ClaimsDocument static_reading = testing::ReadFixture("syria-coalition");
  for (PredicateRecord& predicate : static_reading.predicates) {
    if (predicate.id == kMember) predicate.mutability = Mutability::kImmutable;
  }
  const ScoredFixture as_static = testing::ScoreDocument(std::move(static_reading));
  for (const char* source : {"an-nahar", "annalena-baerbock"}) {
    const double temporal = fixture().Outlet(source)["reliability"];
    const double wrong = as_static.Outlet(source)["reliability"];
    EXPECT_GT(temporal, wrong + 0.05) << source;
  }
  for (const std::string& id : kAprilNotMember) {
    EXPECT_NE(as_static.Claim(id)["status"], "superseded") << id;
  }
  // Nothing the 2015 interview says is contradicted by the 2025 membership: it is about another
  // alliance (the Russian-proposed one), on propositions of its own.
  for (const auto& claim : fixture().scores["claims"]) {
    const std::string id = claim["id"];
    if (id.rfind("trtworld-2015", 0) != 0) continue;
    EXPECT_NE(claim["status"], "contradicted") << id;
    EXPECT_NE(claim["predicate"], kMember) << id;
  }
}

TEST_F(SyriaCoalition, S3NorthPressAndTheFifteenAprilReportAreOneEvidenceGroup) {
  const auto& north_press = fixture().Claim("northpress-2025-04/c2");
  const auto& copy = fixture().Claim("unnamed-2025-04-15/c1");
  EXPECT_EQ(north_press["evidence_group"], copy["evidence_group"]);
  EXPECT_EQ(north_press["explanation"]["content_source"], "an-nahar");
  EXPECT_EQ(copy["explanation"]["content_source"], "an-nahar");
  // Two copies of one report weigh as one claim: 0.5 each.
  EXPECT_DOUBLE_EQ(north_press["explanation"]["weight"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(copy["explanation"]["weight"].get<double>(), 0.5);
  EXPECT_EQ(AsSet(north_press["explanation"]["relays_with"]),
            std::set<std::string>{"unnamed-2025-04-15/c1"});
  // The same holds for the other claims both reports carry.
  EXPECT_EQ(fixture().Claim("northpress-2025-04/c5")["evidence_group"],
            fixture().Claim("unnamed-2025-04-15/c5")["evidence_group"]);
}

TEST_F(SyriaCoalition, S4SixMonthsAndOneHundredEightyDaysAgree) {
  const std::string subject =
      "U.S. sanctions relief for Syria granted at the Trump-al-Sharaa meeting";
  const auto& proposition = fixture().Proposition(subject, "duration");
  EXPECT_EQ(proposition["values"].size(), 1U);
  EXPECT_EQ(AsSet(fixture().Claim("unnamed-undated-syria-joins/c7")["explanation"]["agrees_with"]),
            std::set<std::string>{"epochtimes-2025-11/c6"});
  EXPECT_EQ(fixture().Claim("epochtimes-2025-11/c6")["status"], "confirmed");
}

TEST_F(SyriaCoalition, S5NinetiethMemberAndEightyNineOtherPartnersAgree) {
  const auto& proposition =
      fixture().Proposition("Global Coalition to Defeat ISIS", "member_count");
  ASSERT_EQ(proposition["values"].size(), 1U);
  EXPECT_EQ(proposition["values"][0]["amount"], 90.0);
  EXPECT_EQ(AsSet(fixture().Claim("epochtimes-2025-11/c2")["explanation"]["agrees_with"]),
            std::set<std::string>{"unnamed-undated-syria-joins/c3"});
}

TEST_F(SyriaCoalition, S6HeadlineConflictsWithItsOwnBody) {
  const auto& headline = fixture().Claim("northpress-2025-04/c1");
  const auto& body = fixture().Claim("northpress-2025-04/c5");
  EXPECT_EQ(headline["value"], "rejected");
  EXPECT_EQ(body["value"], "pending");
  EXPECT_DOUBLE_EQ(headline["explanation"]["confidence"].get<double>(), 0.6);
  EXPECT_TRUE(AsSet(headline["explanation"]["conflicts_with"]).count("northpress-2025-04/c5"));
  EXPECT_TRUE(AsSet(body["explanation"]["conflicts_with"]).count("northpress-2025-04/c1"));
  EXPECT_LT(headline["probability"].get<double>(), body["probability"].get<double>());
  const auto& timeline = fixture().Proposition(kRequest, "request_status")["timeline"];
  ASSERT_EQ(timeline.size(), 1U);
  EXPECT_EQ(timeline[0]["value"], "pending");
}

TEST_F(SyriaCoalition, S7RewardOfUnknownMagnitudeStaysUnresolved) {
  const auto& reward = fixture().Claim("unnamed-undated-syria-joins/c9");
  EXPECT_EQ(reward["status"], "unresolved");
  EXPECT_TRUE(reward["probability"].is_null());
  EXPECT_TRUE(reward["value"]["amount"].is_null());
  EXPECT_FALSE(reward["explanation"]["reason"].get<std::string>().empty());
}

TEST_F(SyriaCoalition, S8UndatedReportLoadsWithAWarningAndTheDocumentedFallback) {
  ASSERT_EQ(fixture().document.warnings.size(), 1U);
  const Diagnostic& warning = fixture().document.warnings[0];
  EXPECT_EQ(warning.severity, Severity::kWarning);
  EXPECT_NE(warning.message.find("no publication date"), std::string::npos);
  // Fallback: the latest date in the document, the end of The Epoch Times' month (2025-11).
  const auto& claim = fixture().Claim("unnamed-undated-syria-joins/c1");
  EXPECT_EQ(claim["as_of"], "2025-11-30");
  EXPECT_EQ(claim["as_of_fallback"], true);
}

TEST_F(SyriaCoalition, S9EveryScoreHasAnExplanation) {
  for (const auto& claim : fixture().scores["claims"]) {
    ASSERT_TRUE(claim.contains("explanation")) << claim["id"];
    EXPECT_FALSE(claim["explanation"]["reason"].get<std::string>().empty()) << claim["id"];
    EXPECT_TRUE(claim["explanation"].contains("content_source")) << claim["id"];
  }
  for (const auto& outlet : fixture().scores["outlets"]) {
    ASSERT_TRUE(outlet.contains("explanation")) << outlet["id"];
    EXPECT_TRUE(outlet["explanation"].contains("claims_by_status")) << outlet["id"];
    const auto& interval = outlet["interval"];
    EXPECT_LE(interval[0].get<double>(), outlet["reliability"].get<double>()) << outlet["id"];
    EXPECT_GE(interval[1].get<double>(), outlet["reliability"].get<double>()) << outlet["id"];
  }
  // The November claims' explanations name the April group among what moved them.
  const auto& influences = fixture().Claim("epochtimes-2025-11/c4")["explanation"]["influences"];
  EXPECT_FALSE(influences.empty());
}

}  // namespace
}  // namespace credence

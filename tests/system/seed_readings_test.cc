// "The world changed" on every honest reading of the seed story: three independent annotations
// of the five seed reports (fixtures/syria-coalition, -reading-2, -reading-3), each scored whole
// and with every article left out in turn. Syria was not a member of the coalition in
// March-April 2025 and joined on 10 November 2025; an engine that reads one side as wrong
// because it has fewer reports, or because an annotator grouped the evidence differently, fails.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "system/scores_fixture.h"

namespace credence {
namespace {

struct Reading {
  const char* fixture;
  const char* membership;  // the predicate id of Syria's membership in the coalition
};

const Reading kReadings[] = {
    {"syria-coalition", "member_of:global-coalition-against-isis"},
    {"syria-coalition-reading-2", "member_of_global_coalition_against_isis"},
    {"syria-coalition-reading-3", "member_of_global_coalition"},
};

class SeedReadings : public ::testing::TestWithParam<Reading> {};

// The membership claims of a scored reading: (claim JSON, asserted value).
std::vector<nlohmann::json> MembershipClaims(const testing::ScoredFixture& scored,
                                             const std::string& predicate) {
  std::vector<nlohmann::json> claims;
  for (const auto& claim : scored.scores["claims"]) {
    if (claim["predicate"] == predicate && claim["subject"] == "Syria") claims.push_back(claim);
  }
  return claims;
}

const nlohmann::json* MembershipChange(const testing::ScoredFixture& scored,
                                       const std::string& predicate) {
  for (const auto& event : scored.scores["supersessions"]) {
    if (event["predicate"] == predicate && event["subject"] == "Syria" &&
        event["from_value"] == false && event["to_value"] == true) {
      return &event;
    }
  }
  return nullptr;
}

TEST_P(SeedReadings, TheWholeReadingFindsTheChangeOnTenNovember) {
  const Reading& reading = GetParam();
  const auto scored = testing::ScoreFixture(reading.fixture);
  const nlohmann::json* change = MembershipChange(scored, reading.membership);
  ASSERT_NE(change, nullptr) << reading.fixture;
  // Dated by the posterior: the text dates the signing, so the median is the day itself.
  EXPECT_EQ((*change)["at"], "2025-11-10");
  EXPECT_GT((*change)["probability_if_earlier_true"].get<double>(), 0.9);
  EXPECT_LE((*change)["interval"][1].get<std::string>(), "2025-11-10");
  EXPECT_GT((*change)["interval"][0].get<std::string>(), "2025-04-15");
  for (const auto& claim : MembershipClaims(scored, reading.membership)) {
    if (claim["value"] == false) {
      EXPECT_EQ(claim["status"], "superseded") << claim["id"];
    } else if (claim["as_of"] == "2025-11-10") {
      EXPECT_EQ(claim["status"], "confirmed") << claim["id"];
    }
  }
}

TEST_P(SeedReadings, LeavingOutAnyArticleNeverBlamesAnAccurateReport) {
  const Reading& reading = GetParam();
  const ClaimsDocument whole = testing::ReadFixture(reading.fixture);
  for (std::size_t left_out = 0; left_out < whole.articles.size(); ++left_out) {
    ClaimsDocument document = whole;
    document.articles.erase(document.articles.begin() + static_cast<std::ptrdiff_t>(left_out));
    const std::string variant =
        std::string(reading.fixture) + " without " + whole.articles[left_out].id;
    const auto scored = testing::ScoreDocument(std::move(document));
    const nlohmann::json* change = MembershipChange(scored, reading.membership);
    for (const auto& claim : MembershipClaims(scored, reading.membership)) {
      // Every membership report was right when made: none may be read as wrong.
      EXPECT_NE(claim["status"], "contradicted") << variant << ": " << claim["id"];
      if (claim["value"] == false && change != nullptr && claim["as_of"] < (*change)["at"]) {
        // Overtaken, or the engine says plainly that it cannot tell a change from an error.
        const std::string reason = claim["explanation"]["reason"];
        EXPECT_TRUE(claim["status"] == "superseded" ||
                    reason.find("cannot tell a change from an error") != std::string::npos)
            << variant << ": " << claim["id"] << " " << claim["status"] << " " << reason;
      }
    }
    if (change != nullptr) {
      // A change is never dated before the last April report or after the first November one.
      EXPECT_GT((*change)["at"].get<std::string>(), "2025-04-15") << variant;
      EXPECT_LE((*change)["at"].get<std::string>(), "2025-11-10") << variant;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllReadings, SeedReadings, ::testing::ValuesIn(kReadings),
                         [](const ::testing::TestParamInfo<Reading>& param) {
                           return std::string(param.index == 0
                                                  ? "Canonical"
                                                  : "Reading" + std::to_string(param.index + 1));
                         });

}  // namespace
}  // namespace credence

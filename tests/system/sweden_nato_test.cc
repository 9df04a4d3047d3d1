// fixtures/sweden-nato: a second story, annotated with the verdicts a good temporal engine should
// reach, worked out by the annotator from the public record independently of the engine (the
// README's "Claims by proposition" tables). The engine must never reach a definite verdict that
// contradicts the annotator's; where it cannot decide it says `unresolved`.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <string>

#include "system/scores_fixture.h"

namespace credence {
namespace {

// Claim id -> expected status, from the README's tables: "| `id` | ... | expected |".
std::map<std::string, std::string> ExpectedVerdicts() {
  std::ifstream readme(std::string(CREDENCE_SOURCE_DIR) + "/fixtures/sweden-nato/README.md");
  const std::regex row(
      R"(^\|\s*`([^`]+)`\s*\|.*\|\s*(confirmed|contradicted|superseded|unresolved)\s*\|\s*$)");
  std::map<std::string, std::string> verdicts;
  std::string line;
  std::smatch match;
  while (std::getline(readme, line)) {
    if (std::regex_match(line, match, row)) verdicts[match[1]] = match[2];
  }
  return verdicts;
}

TEST(SwedenNato, NoVerdictContradictsTheAnnotatorsAndMostAgree) {
  const auto scored = testing::ScoreFixture("sweden-nato");
  const std::map<std::string, std::string> expected = ExpectedVerdicts();
  ASSERT_EQ(expected.size(), 85U);  // every claim of the document has a verdict
  int agree = 0;
  for (const auto& [id, verdict] : expected) {
    const std::string status = scored.Claim(id)["status"];
    if (status == verdict) {
      ++agree;
    } else {
      EXPECT_EQ(status, "unresolved") << id << ": expected " << verdict;
    }
  }
  // Measured with this version: 75 of 85 (the misses are listed in the fixture's README).
  EXPECT_GE(agree, 75);
}

TEST(SwedenNato, TheAccessionIsDatedByTheReportsThatDateIt) {
  const auto scored = testing::ScoreFixture("sweden-nato");
  for (const auto& event : scored.scores["supersessions"]) {
    if (event["subject"] == "Sweden" && event["predicate"] == "nato_member") {
      EXPECT_EQ(event["at"], "2024-03-07");
      EXPECT_GT(event["probability"].get<double>(), 0.9);
      return;
    }
  }
  ADD_FAILURE() << "no change of Sweden's membership";
}

}  // namespace
}  // namespace credence

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include "credence/input.h"
#include "credence/output.h"
#include "output/sample_report.h"

namespace credence {
namespace {

using testing::SampleReport;
using testing::SampleStore;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// Terminal columns: UTF-8 code points.
std::size_t Columns(const std::string& line) {
  return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::size_t IndexOf(const std::vector<std::string>& lines, const std::string& line) {
  return static_cast<std::size_t>(std::find(lines.begin(), lines.end(), line) - lines.begin());
}

TEST(FormatSummaryTest, HeaderStatesAlgorithmIterationsTerminationAndCounts) {
  const std::vector<std::string> lines = Lines(FormatSummary(SampleStore(), SampleReport()));
  ASSERT_GE(lines.size(), 4U);
  EXPECT_EQ(lines[0], "temporal-em: converged in 12 iterations (largest change 4.1e-07)");
  EXPECT_EQ(lines[1], "input: sample \"claims\".json");
  EXPECT_EQ(lines[2], "3 outlets, 8 claims, 2 propositions, 7 evidence groups, 3 components");
  EXPECT_EQ(lines[3], "claims: 4 confirmed, 1 contradicted, 2 superseded, 1 unresolved");
}

TEST(FormatSummaryTest, SaysPlainlyWhenItDidNotConverge) {
  ScoreReport report = SampleReport();
  report.summary.termination = TerminationType::kNoConvergence;
  report.summary.iterations = 200;
  const std::string text = FormatSummary(SampleStore(), report);
  EXPECT_NE(text.find("stopped after 200 iterations WITHOUT converging"), std::string::npos);
  EXPECT_EQ(text.find("converged in"), std::string::npos);
}

TEST(FormatSummaryTest, OutletsAndCitedSourcesRankedByTheLowerEndOfTheirInterval) {
  const ClaimStore store = SampleStore();
  ScoreReport report = SampleReport();
  std::vector<std::string> lines = Lines(FormatSummary(store, report));
  const std::size_t title = IndexOf(lines, "Outlets by the lower end of their 90% interval");
  ASSERT_LT(title + 6, lines.size());
  // The id column is as wide as the longest id ("envoy"); "answers" counts the claims whose
  // content the source answers for (np: a0, a2, a4; an: a1, a5, a7; envoy: a3, a6).
  const std::string header =
      "rank  id     reliability  90% interval    pub  answers  conf  contra  super  unres";
  EXPECT_EQ(lines[title + 1], header);
  EXPECT_EQ(lines[title + 2],
            "   1  np           0.900  [0.700, 0.980]    4        3     3       0      1      0");
  EXPECT_EQ(lines[title + 3],
            "   2  an           0.600  [0.350, 0.800]    4        3     1       1      1      1");
  // The envoy is a person: ranked apart, with the outlets' columns.
  EXPECT_EQ(lines[title + 4], "Cited sources by the lower end of their 90% interval");
  EXPECT_EQ(lines[title + 5], header);
  EXPECT_EQ(lines[title + 6],
            "   1  envoy        0.750  [0.400, 0.950]    0        2     0       0      0      0");

  // The lower end ranks, not the point estimate: an's narrow interval now beats np's wide one.
  report.outlets[1].interval = {0.75, 0.8};
  lines = Lines(FormatSummary(store, report));
  EXPECT_EQ(lines[title + 2].substr(0, 9), "   1  an ");
  EXPECT_EQ(lines[title + 3].substr(0, 9), "   2  np ");
  report.outlets[1].interval = {0.7, 0.8};  // a tie of lower ends: the reliability decides
  report.outlets[1].reliability = 0.95;
  lines = Lines(FormatSummary(store, report));
  EXPECT_EQ(lines[title + 2].substr(0, 9), "   1  an ");
}

TEST(FormatSummaryTest, TimelinesWithOpenEnds) {
  const std::vector<std::string> lines = Lines(FormatSummary(SampleStore(), SampleReport()));
  const std::size_t title = IndexOf(lines, "Timelines");
  ASSERT_LT(title + 5, lines.size());
  EXPECT_EQ(lines[title + 1], "  Syria \u2014 member_of");
  EXPECT_EQ(lines[title + 2], "    [\u2026 .. 2025-04-14) false (p=0.93, claims: a0/c1, a1/c1)");
  EXPECT_EQ(lines[title + 3],
            "    [2025-04-14 .. \u2026) true (p=0.96, claims: a2/c1, a3/c1, a6/c1)");
  EXPECT_EQ(lines[title + 4], "  Coalition \u2014 size");
  EXPECT_EQ(lines[title + 5], "    [\u2026 .. \u2026) " +
                                  Value::Quantity(80.0, "count").ToDisplay() +
                                  " (p=0.85, claims: a4/c1, a5/c1, a7/c1)");
}

TEST(FormatSummaryTest, SupersessionsNameOvertakenAndEstablishingClaims) {
  const ClaimStore store = SampleStore();
  ScoreReport report = SampleReport();
  std::vector<std::string> lines = Lines(FormatSummary(store, report));
  const std::size_t title = IndexOf(lines, "Supersessions");
  ASSERT_LT(title + 3, lines.size());
  // 123 columns on one line, so each clause gets its own.
  EXPECT_EQ(lines[title + 1], "  at 2025-04-14 Syria/member_of: false -> true (world_change);");
  EXPECT_EQ(lines[title + 2], "    overtakes: a0/c1, a1/c1;");
  EXPECT_EQ(lines[title + 3], "    established by: a2/c1, a3/c1, a6/c1");

  report.supersessions[0].superseded_claims = {0};
  report.supersessions[0].establishing_claims = {2};
  report.supersessions[0].kind = SupersessionKind::kCorrection;
  lines = Lines(FormatSummary(store, report));
  EXPECT_EQ(lines[title + 1],
            "  at 2025-04-14 Syria/member_of: false -> true (correction); overtakes: a0/c1; "
            "established by: a2/c1");

  report.supersessions.clear();
  lines = Lines(FormatSummary(store, report));
  EXPECT_EQ(lines[title + 1], "  none");
}

TEST(FormatSummaryTest, ClaimsNeedingAttentionAreContradictedThenUnresolved) {
  const std::vector<std::string> lines = Lines(FormatSummary(SampleStore(), SampleReport()));
  const std::size_t title = IndexOf(lines, "Claims needing attention");
  ASSERT_EQ(title + 5, lines.size());
  EXPECT_EQ(lines[title + 1], "  a7/c1 [contradicted, p=0.1] Coalition/size = " +
                                  Value::Quantity(95.0, "count").ToDisplay() +
                                  " as of 2025-04-20 (an)");
  EXPECT_EQ(lines[title + 2], "      below the contradict threshold");
  EXPECT_EQ(lines[title + 3], "  a5/c1 [unresolved, not scored] Coalition/size = " +
                                  Value::Quantity(std::nullopt, "count").ToDisplay() +
                                  " as of 2025-04-18 (an)");
  EXPECT_EQ(lines[title + 4], "      its value has no known magnitude");
}

TEST(FormatSummaryTest, DeterministicWithoutTimings) {
  const ClaimStore store = SampleStore();
  ScoreReport slow = SampleReport();
  slow.summary.solve_seconds = 99.0;
  slow.options.num_threads = 16;
  EXPECT_EQ(FormatSummary(store, SampleReport()), FormatSummary(store, slow));
}

TEST(FormatSummaryTest, NoLineIsWiderThanOneHundredColumns) {
  ClaimsDocument document = testing::SampleDocument();
  const std::string long_id(140, 'x');
  document.outlets[1].id = long_id;  // "an"
  for (ArticleRecord& article : document.articles) {
    if (article.outlet == "an") article.outlet = long_id;
  }
  document.articles[7].claims[0].id = "claim-" + std::string(120, 'y');
  const ClaimStore store = BuildClaimStore(document);
  ScoreReport report = SampleReport();
  std::string reason;
  for (int i = 0; i < 30; ++i) reason += "the evidence is thin or split ";
  report.claims[7].reason = reason;
  const std::string text = FormatSummary(store, report);
  for (const std::string& line : Lines(text)) {
    EXPECT_LE(Columns(line), 100U) << line;
  }
  // Long ids are cut in the table only; elsewhere they are wrapped whole.
  std::string joined;
  for (const std::string& line : Lines(text)) {
    joined += line.substr(std::min(line.find_first_not_of(' '), line.size()));
  }
  EXPECT_NE(joined.find("claim-" + std::string(120, 'y')), std::string::npos);
  EXPECT_NE(text.find(std::string(21, 'x') + "\u2026"), std::string::npos);  // 22 columns
}

}  // namespace
}  // namespace credence

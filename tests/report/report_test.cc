// The page drawn from the hand-made sample scores (tests/output/sample_report.h) and from the
// seed fixture: every source, proposition, claim and event is on it, in the counts the scores
// document gives; every input string is escaped; nothing may load.
#include "credence/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "credence/output.h"
#include "output/sample_report.h"
#include "report/assets.h"
#include "system/scores_fixture.h"

namespace credence {
namespace {

using Json = nlohmann::ordered_json;

std::size_t Count(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// The timeline charts only, without the legend's sample marks.
std::string Timelines(const std::string& html) {
  std::string charts;
  for (std::size_t at = html.find("<svg class=\"timeline\""); at != std::string::npos;
       at = html.find("<svg class=\"timeline\"", at + 1)) {
    charts += html.substr(at, html.find("</svg>", at) - at);
  }
  return charts;
}

std::string SampleScores() { return ScoresToJson(testing::SampleStore(), testing::SampleReport()); }

TEST(ReportHtmlTest, ShowsEverySourcePropositionClaimAndEvent) {
  const std::string html = ReportHtml(SampleScores(), "sample.json");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_EQ(Count(html, "class=\"forest-row\""), 3U);
  EXPECT_EQ(Count(html, "<tr id=\"outlet-"), 3U);
  EXPECT_EQ(Count(html, "<svg class=\"timeline\""), 2U);
  EXPECT_EQ(Count(html, "<tr id=\"claim-"), 8U);
  const std::string charts = Timelines(html);
  EXPECT_EQ(Count(charts, "class=\"claim-marker\""), 8U);  // one mark per claim
  EXPECT_EQ(Count(charts, "class=\"segment\""), 3U);       // 2 + 1 segments
  EXPECT_EQ(Count(charts, "class=\"change-point\""), 1U);
  EXPECT_EQ(Count(charts, "class=\"change-window\""), 1U);
  EXPECT_EQ(Count(charts, "class=\"change-interval\""), 0U);  // the document gives none
  EXPECT_EQ(Count(html, "<details>"), 8U);                    // one explanation per claim
  // Marks link to their claim's row; the supersession names what it overtook.
  EXPECT_NE(charts.find("href=\"#claim-a0_2Fc1\""), std::string::npos);
  EXPECT_NE(html.find("<tr id=\"claim-a0_2Fc1\""), std::string::npos);
  EXPECT_NE(html.find("id=\"supersession-table\""), std::string::npos);
  // Statuses are words beside the marks, not colour alone.
  EXPECT_NE(html.find("</svg> contradicted</td>"), std::string::npos);
}

TEST(ReportHtmlTest, ForbidsEveryRequestAndAllowsOnlyItsOwnStyleAndScript) {
  const std::string html = ReportHtml(SampleScores(), "sample.json");
  // SHA-256 of the empty string, base64: the hash helper against a known answer.
  EXPECT_EQ(report_internal::CspHash(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  EXPECT_NE(html.find("content=\"default-src 'none'; script-src " +
                      report_internal::CspHash(report_internal::kScript) + "; style-src " +
                      report_internal::CspHash(report_internal::kStyleSheet)),
            std::string::npos);
  EXPECT_NE(html.find("<script>" + std::string(report_internal::kScript) + "</script>"),
            std::string::npos);
  EXPECT_EQ(Count(html, "<script"), 1U);
  EXPECT_EQ(Count(html, " src="), 0U);
  EXPECT_EQ(Count(html, "<link"), 0U);
  EXPECT_EQ(Count(html, "url("), 0U);
}

TEST(ReportHtmlTest, EscapesEveryStringOfTheDocument) {
  Json document = Json::parse(SampleScores());
  document["outlets"][0]["name"] = "<script>alert(1)</script>";
  document["articles"][0]["title"] = "<iframe src=x></iframe>";
  document["articles"][0]["url"] = "javascript:alert(2)";
  document["articles"][1]["url"] = "https://example.org/a?x=1&y=\"2\"";
  document["claims"][2]["explanation"]["reason"] = "\"><img src=x onerror=alert(3)>";
  document["propositions"][0]["subject"] = "Syria <b>bold</b>";
  for (Json& claim : document["claims"]) {
    if (claim["subject"] == "Syria") claim["subject"] = "Syria <b>bold</b>";
  }
  document["supersessions"][0]["subject"] = "Syria <b>bold</b>";
  const std::string html = ReportHtml(document.dump(), "evil.json");
  EXPECT_EQ(Count(html, "<script"), 1U);  // the page's own
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);  // only http(s) links are made
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.org/a?x=1&amp;y=&quot;2&quot;\""), std::string::npos);
}

TEST(ReportHtmlTest, SameDocumentSameBytes) {
  EXPECT_EQ(ReportHtml(SampleScores(), "s.json"), ReportHtml(SampleScores(), "s.json"));
}

TEST(ReportHtmlTest, CapsListAndSummariseWhatTheyLeaveOut) {
  ReportOptions options;
  options.max_charted_propositions = 1;
  options.max_claims_per_proposition = 2;
  const std::string html = ReportHtml(SampleScores(), "s.json", options);
  // The proposition with a change is charted; the other goes to the table of the rest.
  EXPECT_EQ(Count(html, "<svg class=\"timeline\""), 1U);
  EXPECT_NE(html.find("<svg class=\"timeline\" role=\"group\" width=\"760\" height=\"84\" "
                      "viewBox=\"0 0 760 84\" data-proposition=\"0\""),
            std::string::npos);
  EXPECT_NE(html.find("id=\"proposition-table\""), std::string::npos);
  EXPECT_NE(html.find("(the first 2 of 5)"), std::string::npos);
  EXPECT_EQ(Count(html, "<tr id=\"claim-"), 2U);
  // Every claim of the charted proposition is still drawn; only the listed ones link.
  const std::string charts = Timelines(html);
  EXPECT_EQ(Count(charts, "<a class=\"claim-marker\""), 2U);
  EXPECT_EQ(Count(charts, "<g class=\"claim-marker\""), 3U);
  EXPECT_EQ(charts.find("href=\"#claim-a6_2Fc1\""), std::string::npos);
}

TEST(ReportHtmlTest, NotAScoresDocumentIsAnInputError) {
  EXPECT_THROW(ReportHtml("[1, 2]", "x.json"), InputError);
  EXPECT_THROW(ReportHtml("{\"credence\": \"1\", \"articles\": []}", "claims.json"), InputError);
}

// The seed story: counts from the scores document itself, and the size target (500 KB).
TEST(ReportHtmlTest, SeedFixtureShowsItsWholeScoresDocument) {
  const testing::ScoredFixture fixture =
      testing::ScoreDocument(testing::ReadFixture("syria-coalition"));
  const std::string html = ReportHtml(fixture.scores.dump(), "claims.json");
  const nlohmann::json& scores = fixture.scores;
  std::size_t segments = 0;
  for (const auto& proposition : scores["propositions"]) segments += proposition["timeline"].size();
  EXPECT_EQ(Count(html, "class=\"forest-row\""), scores["outlets"].size());
  EXPECT_EQ(Count(html, "<svg class=\"timeline\""), scores["propositions"].size());
  const std::string charts = Timelines(html);
  EXPECT_EQ(Count(charts, "<a class=\"claim-marker\""), scores["claims"].size());
  EXPECT_EQ(Count(charts, "class=\"segment\""), segments);
  EXPECT_EQ(Count(charts, "class=\"change-point\""), scores["supersessions"].size());
  EXPECT_LT(html.size(), 500U * 1000U);
}

}  // namespace
}  // namespace credence

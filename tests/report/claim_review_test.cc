// ClaimReview export: the mapping checked by hand on the sample scores, and the seed story's
// export, written by the command line, checked against docs/schemas/claimreview.schema.json
// (what schema.org and Google require) with tests/tools/validate_json.py.
#include "credence/claim_review.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "credence/output.h"
#include "output/sample_report.h"

namespace credence {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

ClaimReviewOptions Options() {
  ClaimReviewOptions options;
  options.organization = "Newsroom Desk";
  options.organization_url = "https://example.org";
  options.review_url = "https://example.org/report.html";
  return options;
}

Json Export(const std::string& scores, const ClaimReviewOptions& options = Options()) {
  std::ostringstream out;
  WriteClaimReviews(scores, "s.json", options, out);
  return Json::parse(out.str());
}

const Json& ReviewOf(const Json& reviews, const std::string& anchor) {
  for (const Json& review : reviews) {
    if (review["url"] == "https://example.org/report.html#claim-" + anchor) return review;
  }
  ADD_FAILURE() << "no review of " << anchor;
  static const Json kNull;
  return kNull;
}

TEST(ClaimReviewTest, OneReviewPerScoredClaimWithTheDocumentedRating) {
  const Json reviews = Export(ScoresToJson(testing::SampleStore(), testing::SampleReport()));
  // 8 claims; a5/c1 (an amount of unknown magnitude) is not scored.
  ASSERT_EQ(reviews.size(), 7U);
  const Json& contradicted = ReviewOf(reviews, "a7_2Fc1");
  EXPECT_EQ(contradicted["@context"], "https://schema.org");
  EXPECT_EQ(contradicted["@type"], "ClaimReview");
  EXPECT_EQ(contradicted["claimReviewed"], "Coalition \xE2\x80\x94 size: 95 count");
  EXPECT_EQ(contradicted["author"],
            Json::parse(R"({"@type": "Organization", "name": "Newsroom Desk",
                            "url": "https://example.org"})"));
  EXPECT_FALSE(contradicted.contains("datePublished"));  // no --date-published
  EXPECT_EQ(contradicted["itemReviewed"],
            Json::parse(R"({"@type": "Claim", "author": {"@type": "Organization", "name": "an"},
                            "datePublished": "2025-04-20"})"));
  EXPECT_EQ(contradicted["reviewRating"]["ratingValue"], 1);
  EXPECT_EQ(contradicted["reviewRating"]["bestRating"], 5);
  EXPECT_EQ(contradicted["reviewRating"]["worstRating"], 1);
  EXPECT_EQ(contradicted["reviewRating"]["alternateName"], "False");
  EXPECT_EQ(contradicted["reviewRating"]["ratingExplanation"],
            "Probability 0.100 that it was true as of 2025-04-20 (contradicted): below the "
            "contradict threshold");
  // Superseded at p = 0.95 with thresholds 0.2 and 0.8: 5, "Outdated". Its date was a fallback,
  // so the claim gets none.
  const Json& superseded = ReviewOf(reviews, "a0_2Fc1");
  EXPECT_EQ(superseded["reviewRating"]["ratingValue"], 5);
  EXPECT_EQ(superseded["reviewRating"]["alternateName"], "Outdated");
  EXPECT_FALSE(superseded["itemReviewed"].contains("datePublished"));
  EXPECT_EQ(ReviewOf(reviews, "a4_2Fc1")["reviewRating"]["alternateName"], "True");
}

TEST(ClaimReviewTest, ArticleDateTitleAndLinkGoToTheClaimsAppearance) {
  Json scores = Json::parse(ScoresToJson(testing::SampleStore(), testing::SampleReport()));
  scores["articles"][2]["published"] = "2025-04-14";
  scores["articles"][2]["title"] = "Syria joins";
  scores["articles"][2]["url"] = "https://news.example/a2";
  scores["articles"][4]["url"] = "file:///etc/passwd";  // never a link
  ClaimReviewOptions options = Options();
  options.date_published = "2025-12-01";
  const Json reviews = Export(scores.dump(), options);
  const Json& item = ReviewOf(reviews, "a2_2Fc1")["itemReviewed"];
  EXPECT_EQ(item["datePublished"], "2025-04-14");
  EXPECT_EQ(item["appearance"], Json::parse(R"([{"@type": "CreativeWork",
      "url": "https://news.example/a2", "headline": "Syria joins"}])"));
  EXPECT_FALSE(ReviewOf(reviews, "a4_2Fc1")["itemReviewed"].contains("appearance"));
  EXPECT_EQ(ReviewOf(reviews, "a2_2Fc1")["datePublished"], "2025-12-01");
}

TEST(ClaimReviewTest, OptionsAreCheckedWhereTheyAreUsed) {
  std::string error;
  EXPECT_TRUE(Options().IsValid(&error)) << error;
  ClaimReviewOptions options = Options();
  options.organization.clear();
  EXPECT_FALSE(options.IsValid(&error));
  EXPECT_NE(error.find("organisation"), std::string::npos);
  options = Options();
  options.review_url = "report.html";
  EXPECT_FALSE(options.IsValid(&error));
  options.review_url = "https://example.org/r.html#top";
  EXPECT_FALSE(options.IsValid(&error));
  options = Options();
  options.date_published = "2025-12";
  EXPECT_FALSE(options.IsValid(&error));
  std::ostringstream out;
  EXPECT_THROW(WriteClaimReviews("{}", "s.json", options, out), std::invalid_argument);
}

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

int RunShell(const std::string& command, std::string* output) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) *output += buffer;
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ClaimReviewTest, SeedStoryExportValidatesAgainstTheClaimReviewSchema) {
  const std::string python = CREDENCE_PYTHON;
  std::string probe;
  if (python.empty() ||
      RunShell(ShellQuote(python) + " -c 'import jsonschema; jsonschema.Draft202012Validator'",
               &probe) != 0) {
    GTEST_SKIP() << "no python3 with jsonschema 4 (CREDENCE_PYTHON): " << probe;
  }
  const fs::path source = CREDENCE_SOURCE_DIR;
  const fs::path directory =
      fs::temp_directory_path() / ("credence-claimreview-" + std::to_string(::getpid()));
  fs::create_directories(directory);
  const fs::path exported = directory / "claimreview.json";
  std::string output;
  ASSERT_EQ(RunShell(ShellQuote(CREDENCE_BINARY) + " export --claimreview " +
                         ShellQuote((source / "fixtures/syria-coalition/claims.json").string()) +
                         " --organization 'Desk' --review-url https://example.org/syria.html -o " +
                         ShellQuote(exported.string()),
                     &output),
            0)
      << output;
  const Json reviews = Json::parse(std::ifstream(exported));
  // 31 claims; the reward "of a million" whose magnitude the text lost is not scored (the
  // fixture's README), so 30 reviews.
  EXPECT_EQ(reviews.size(), 30U);
  const std::string validator = (source / "tests/tools/validate_json.py").string();
  const std::string schema = (source / "docs/schemas/claimreview.schema.json").string();
  output.clear();
  EXPECT_EQ(RunShell(ShellQuote(python) + " " + ShellQuote(validator) + " " + ShellQuote(schema) +
                         " " + ShellQuote(exported.string()),
                     &output),
            0)
      << output;
  // The schema is not empty: a review without its url or its rating's words fails it.
  Json broken = reviews;
  broken[0].erase("url");
  broken[1]["reviewRating"].erase("alternateName");
  broken[2]["reviewRating"]["worstRating"] = 0;
  broken[3]["reviewRating"].erase("bestRating");
  const fs::path broken_path = directory / "broken.json";
  std::ofstream(broken_path) << broken.dump();
  output.clear();
  EXPECT_EQ(RunShell(ShellQuote(python) + " " + ShellQuote(validator) + " " + ShellQuote(schema) +
                         " " + ShellQuote(broken_path.string()),
                     &output),
            1)
      << output;
  for (const char* pointer :
       {"/0", "/1/reviewRating", "/2/reviewRating/worstRating", "/3/reviewRating"}) {
    EXPECT_NE(output.find(std::string(": ") + pointer + ":"), std::string::npos)
        << pointer << " not reported: " << output;
  }
  fs::remove_all(directory);
}

}  // namespace
}  // namespace credence

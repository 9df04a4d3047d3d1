#include "report/scores_view.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "credence/error.h"
#include "credence/output.h"
#include "output/sample_report.h"

namespace credence::report_internal {
namespace {

using Json = nlohmann::ordered_json;

Json SampleJson() {
  return Json::parse(ScoresToJson(testing::SampleStore(), testing::SampleReport()));
}

ScoresView Read(const Json& document) { return ReadScoresView(document.dump(), "s.json"); }

// The first diagnostic's text, or "" when the document reads.
std::string ErrorOf(const Json& document) {
  try {
    Read(document);
  } catch (const InputError& error) {
    return error.diagnostics().front().ToString();
  }
  return "";
}

TEST(ReadScoresViewTest, ReadsTheSampleDocument) {
  const ScoresView view = Read(SampleJson());
  EXPECT_EQ(view.run.algorithm, "temporal-em");
  EXPECT_EQ(view.run.iterations, 12);
  EXPECT_DOUBLE_EQ(view.run.confirm_threshold, 0.8);
  EXPECT_EQ(view.run.claims_by_status, (StatusCounts{4, 1, 2, 1}));
  ASSERT_EQ(view.outlets.size(), 3U);
  EXPECT_EQ(view.outlets[0].name, "North Press");
  EXPECT_DOUBLE_EQ(view.outlets[1].low, 0.35);
  EXPECT_FALSE(view.outlets[2].IsOutlet());  // the envoy is a person
  ASSERT_EQ(view.claims.size(), 8U);
  EXPECT_EQ(view.claims[3].via, (std::vector<std::string>{"envoy"}));
  EXPECT_TRUE(view.claims[3].via_inferred);
  EXPECT_TRUE(view.claims[0].as_of_fallback);
  EXPECT_EQ(view.claims[0].superseded_by, (std::vector<std::size_t>{2, 3, 6}));
  EXPECT_EQ(view.claims[4].value.text, "80 count");
  EXPECT_TRUE(view.claims[4].value.is_quantity);
  EXPECT_FALSE(view.claims[5].probability.has_value());
  EXPECT_EQ(view.claims[7].status, Status::kContradicted);
  ASSERT_EQ(view.claims[2].influences.size(), 2U);
  EXPECT_EQ(view.claims[2].influences[0].group, "a3/c1");
  EXPECT_EQ(view.claims[2].influences[0].num_claims, 2U);
  ASSERT_EQ(view.propositions.size(), 2U);
  // Claims of a proposition in time order: a6/c1 (2025-04-16) comes after a3/c1 (04-15).
  EXPECT_EQ(view.propositions[0].claims, (std::vector<std::size_t>{0, 1, 2, 3, 6}));
  EXPECT_EQ(view.propositions[1].claims, (std::vector<std::size_t>{4, 5, 7}));
  ASSERT_EQ(view.propositions[0].timeline.size(), 2U);
  EXPECT_FALSE(view.propositions[0].timeline[0].from.has_value());
  EXPECT_EQ(view.propositions[0].timeline[1].claims, (std::vector<std::size_t>{2, 3, 6}));
  ASSERT_EQ(view.supersessions.size(), 1U);
  EXPECT_EQ(view.supersessions[0].proposition, 0U);
  EXPECT_EQ(view.supersessions[0].from_value.text, "false");
  EXPECT_EQ(view.propositions[0].supersessions, (std::vector<std::size_t>{0}));
  EXPECT_EQ(view.articles.size(), 8U);
  EXPECT_EQ(view.FindArticle("a7"), 7U);
  EXPECT_EQ(view.FindOutlet("envoy"), 2U);
  EXPECT_EQ(view.FindOutlet("nobody"), ScoresView::kNone);
}

// The temporal model's change posterior (supersessions[].probability and .interval, null for
// other algorithms) and learned rates are read when present.
TEST(ReadScoresViewTest, ReadsChangeProbabilitiesIntervalsAndChangeRatesWhenPresent) {
  Json document = SampleJson();
  document["supersessions"][0]["probability"] = 0.93;
  document["supersessions"][0]["interval"] = {"2025-02-01", "2025-04-10"};
  document["propositions"][0]["change_rate"] = 0.7;
  const ScoresView view = Read(document);
  EXPECT_EQ(view.supersessions[0].change_probability, 0.93);
  ASSERT_TRUE(view.supersessions[0].interval.has_value());
  EXPECT_EQ(view.supersessions[0].interval->first, testing::Day(2025, 2, 1));
  EXPECT_EQ(view.propositions[0].change_rate, 0.7);
  // Without them, nothing is made up.
  Json nulls = SampleJson();
  nulls["supersessions"][0]["probability"] = nullptr;
  nulls["supersessions"][0]["interval"] = nullptr;
  EXPECT_FALSE(Read(nulls).supersessions[0].interval.has_value());
  const ScoresView plain = Read(SampleJson());
  EXPECT_FALSE(plain.supersessions[0].change_probability.has_value());
  EXPECT_FALSE(plain.supersessions[0].interval.has_value());
}

TEST(ReadScoresViewTest, ReadsADocumentWithoutArticlesOrOptionalLists) {
  Json document = SampleJson();
  document.erase("articles");
  for (Json& claim : document["claims"]) {
    claim.erase("superseded_by");
    claim["explanation"].erase("influences");
  }
  const ScoresView view = Read(document);
  EXPECT_TRUE(view.articles.empty());
  EXPECT_TRUE(view.claims[0].superseded_by.empty());
}

TEST(ReadScoresViewTest, ErrorsNameTheFileAndThePointer) {
  EXPECT_EQ(ErrorOf(SampleJson()), "");
  Json missing = SampleJson();
  missing["claims"][3].erase("status");
  EXPECT_NE(ErrorOf(missing).find("s.json: /claims/3: missing key \"status\""), std::string::npos)
      << ErrorOf(missing);
  Json wrong_type = SampleJson();
  wrong_type["outlets"][1]["reliability"] = "high";
  EXPECT_NE(ErrorOf(wrong_type).find("/outlets/1/reliability: expected a number"),
            std::string::npos);
  Json unknown = SampleJson();
  unknown["supersessions"][0]["superseded_claims"][1] = "nobody/c9";
  EXPECT_NE(ErrorOf(unknown).find("/supersessions/0/superseded_claims/1: unknown claim id"),
            std::string::npos);
  Json bad_status = SampleJson();
  bad_status["claims"][0]["status"] = "maybe";
  EXPECT_NE(ErrorOf(bad_status).find("/claims/0/status"), std::string::npos);
  Json not_objects = SampleJson();
  not_objects["claims"] = Json::array({1, 2});
  EXPECT_NE(ErrorOf(not_objects).find("/claims: expected an array of objects"), std::string::npos);
  Json no_engine = SampleJson();
  no_engine.erase("engine");
  EXPECT_NE(ErrorOf(no_engine).find("missing key \"engine\""), std::string::npos);
  try {
    ReadScoresView("{\"schema_version\": ", "s.json");
    ADD_FAILURE() << "truncated JSON was read";
  } catch (const InputError& error) {
    EXPECT_NE(error.diagnostics().front().ToString().find("s.json: not valid JSON"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace credence::report_internal

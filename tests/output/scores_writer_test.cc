#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "credence/input.h"
#include "credence/output.h"
#include "credence/version.h"
#include "output/sample_report.h"

namespace credence {
namespace {

using Json = nlohmann::ordered_json;
using testing::SampleReport;
using testing::SampleStore;

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

Json Parse(const std::string& text) { return Json::parse(text); }

TEST(ScoresToJsonTest, TopLevelKeysInContractOrderPrettyPrintedWithFinalNewline) {
  const std::string text = ScoresToJson(SampleStore(), SampleReport());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.substr(0, 28), "{\n  \"schema_version\": \"1\",\n ");
  const Json root = Parse(text);
  EXPECT_EQ(Keys(root),
            (std::vector<std::string>{"schema_version", "engine", "summary", "outlets", "articles",
                                      "predicates", "claims", "propositions", "supersessions"}));
}

// The writer streams one claim at a time; its bytes must be what a whole-document dump gives.
TEST(ScoresToJsonTest, StreamedTextIsTheWholeDocumentsPrettyDump) {
  const std::string text = ScoresToJson(SampleStore(), SampleReport());
  EXPECT_EQ(Parse(text).dump(2, ' ', false) + "\n", text);
  std::ostringstream streamed;
  WriteScoresJson(SampleStore(), SampleReport(), streamed);
  EXPECT_EQ(streamed.str(), text);
}

TEST(ScoresToJsonTest, EngineRecordsOptionsButNotThreads) {
  const Json engine = Parse(ScoresToJson(SampleStore(), SampleReport()))["engine"];
  EXPECT_EQ(Keys(engine), (std::vector<std::string>{"name", "version", "input", "input_digest",
                                                    "algorithm", "seed", "options"}));
  EXPECT_EQ(engine["name"], "credence");
  EXPECT_EQ(engine["version"], std::string(Version()));
  EXPECT_EQ(engine["input"], "sample \"claims\".json");
  EXPECT_EQ(engine["input_digest"], "sha256:" + std::string(64, '0'));
  EXPECT_EQ(engine["algorithm"], "temporal-em");
  EXPECT_EQ(engine["seed"], 7);
  const Json& options = engine["options"];
  EXPECT_EQ(
      Keys(options),
      (std::vector<std::string>{
          "max_iterations", "tolerance", "prior_alpha", "prior_beta", "change_rate_per_year",
          "change_rate_prior_years", "dated_change_count", "probability_clamp", "confirm_threshold",
          "contradict_threshold", "explain_max_groups", "confusion_pseudo_count"}));
  EXPECT_EQ(options["max_iterations"], 150);
  EXPECT_EQ(options["tolerance"].get<double>(), 1e-7);
  EXPECT_EQ(options["prior_alpha"].get<double>(), 3.0);
  EXPECT_EQ(options["prior_beta"].get<double>(), 1.0);
  EXPECT_EQ(options["change_rate_per_year"].get<double>(), 0.5);
  EXPECT_EQ(options["probability_clamp"].get<double>(), 1e-6);
  EXPECT_EQ(options["confirm_threshold"].get<double>(), 0.8);
  EXPECT_EQ(options["contradict_threshold"].get<double>(), 0.2);
  EXPECT_EQ(options["explain_max_groups"], 32);
  EXPECT_EQ(options["confusion_pseudo_count"].get<double>(), 1.0);
}

TEST(ScoresToJsonTest, ByteIdenticalForAnyThreadCountAndTimingsOnlyUnderTimings) {
  const ClaimStore store = SampleStore();
  ScoreReport one = SampleReport();
  one.options.num_threads = 1;
  ScoreReport eight = SampleReport();
  eight.options.num_threads = 8;
  EXPECT_EQ(ScoresToJson(store, one), ScoresToJson(store, eight));

  ScoreReport slower = SampleReport();
  slower.summary.solve_seconds = 12.5;
  Json a = Parse(ScoresToJson(store, one));
  Json b = Parse(ScoresToJson(store, slower));
  EXPECT_NE(a, b);
  EXPECT_EQ(b["summary"]["timings"]["solve_seconds"].get<double>(), 12.5);
  a["summary"].erase("timings");
  b["summary"].erase("timings");
  EXPECT_EQ(a, b);
}

TEST(ScoresToJsonTest, Summary) {
  const ClaimStore store = SampleStore();
  ScoreReport report = SampleReport();
  Json summary = Parse(ScoresToJson(store, report))["summary"];
  EXPECT_EQ(Keys(summary),
            (std::vector<std::string>{"iterations", "converged", "termination", "message",
                                      "log_likelihood", "final_change", "components", "counts",
                                      "claims_by_status", "timings"}));
  EXPECT_EQ(summary["iterations"], 12);
  EXPECT_EQ(summary["converged"], true);
  EXPECT_EQ(summary["termination"], "convergence");
  EXPECT_EQ(summary["message"], "");
  EXPECT_EQ(summary["log_likelihood"], Json::parse("[-10.5, -9.25, -9.125]"));
  EXPECT_EQ(summary["final_change"].get<double>(), 4.1e-7);
  EXPECT_EQ(summary["components"], 3);
  EXPECT_EQ(summary["counts"],
            Json::parse(R"({"outlets": 3, "claims": 8, "propositions": 2, "evidence_groups": 7})"));
  EXPECT_EQ(
      summary["claims_by_status"],
      Json::parse(R"({"confirmed": 4, "contradicted": 1, "superseded": 2, "unresolved": 1})"));
  EXPECT_EQ(summary["timings"], Json::parse(R"({"solve_seconds": 0.25})"));

  report.summary.termination = TerminationType::kNoConvergence;
  report.summary.message = "reached max_iterations";
  summary = Parse(ScoresToJson(store, report))["summary"];
  EXPECT_EQ(summary["converged"], false);
  EXPECT_EQ(summary["termination"], "no_convergence");
  EXPECT_EQ(summary["message"], "reached max_iterations");
}

TEST(ScoresToJsonTest, OutletsWithExplanations) {
  const Json outlets = Parse(ScoresToJson(SampleStore(), SampleReport()))["outlets"];
  ASSERT_EQ(outlets.size(), 3U);
  const Json& np = outlets[0];
  EXPECT_EQ(Keys(np), (std::vector<std::string>{"id", "name", "kind", "reliability", "interval",
                                                "claims", "explanation"}));
  EXPECT_EQ(np["id"], "np");
  EXPECT_EQ(np["name"], "North Press");
  EXPECT_EQ(np["kind"], "outlet");
  EXPECT_EQ(np["reliability"].get<double>(), 0.9);
  EXPECT_EQ(np["interval"], Json::parse("[0.7, 0.98]"));
  EXPECT_EQ(np["claims"], 4);
  const Json expected = Json::parse(R"({
    "claims_by_status": {"confirmed": 3, "contradicted": 0, "superseded": 1, "unresolved": 0},
    "first_hand": 3, "relayed": 1, "as_content_source": 3,
    "posterior": {"alpha": 5.5, "beta": 1.5}, "prior": {"alpha": 3.0, "beta": 1.0},
    "note": "3 first-hand claims (2 confirmed, 1 superseded); 1 relayed claim judged on faithful relay; superseded claims are not penalised"
  })");
  EXPECT_EQ(np["explanation"], expected);
  EXPECT_EQ(outlets[1]["explanation"]["note"],
            "3 first-hand claims (1 contradicted, 1 superseded, 1 unresolved); 1 relayed claim "
            "judged on faithful relay; superseded claims are not penalised");
  EXPECT_EQ(outlets[2]["id"], "envoy");
  EXPECT_EQ(outlets[2]["kind"], "person");
  EXPECT_EQ(outlets[2]["claims"], 0);
  EXPECT_EQ(outlets[2]["explanation"]["note"],
            "publishes no claims in this document; content source of 2 claims relayed by others");
}

// Articles carry what a reader needs to find them (the report links each claim to its article).
TEST(ScoresToJsonTest, ArticlesWithOutletDateTitleAndUrl) {
  ClaimsDocument document = testing::SampleDocument();
  document.articles[1].published = Date{2025, 1, 0, DateGranularity::kMonth};
  document.articles[1].title = "Coalition <b>rejects</b>";
  document.articles[1].url = "https://example.org/a1";
  const Json articles = Parse(ScoresToJson(BuildClaimStore(document), SampleReport()))["articles"];
  ASSERT_EQ(articles.size(), 8U);
  EXPECT_EQ(articles[0], Json::parse(R"({"id": "a0", "outlet": "np", "published": null,
                                         "title": "", "url": ""})"));
  EXPECT_EQ(articles[1], Json::parse(R"({"id": "a1", "outlet": "an", "published": "2025-01",
                                         "title": "Coalition <b>rejects</b>",
                                         "url": "https://example.org/a1"})"));
  EXPECT_EQ(Keys(articles[1]),
            (std::vector<std::string>{"id", "outlet", "published", "title", "url"}));
}

TEST(ScoresToJsonTest, ClaimsInInputOrderWithExplanations) {
  const Json claims = Parse(ScoresToJson(SampleStore(), SampleReport()))["claims"];
  ASSERT_EQ(claims.size(), 8U);
  for (std::size_t c = 0; c < claims.size(); ++c) {
    EXPECT_EQ(claims[c]["id"], "a" + std::to_string(c) + "/c1");
  }
  const Json& first = claims[0];
  EXPECT_EQ(Keys(first), (std::vector<std::string>{"id", "article", "outlet", "subject",
                                                   "predicate", "value", "as_of", "as_of_fallback",
                                                   "probability", "status", "superseded_by",
                                                   "evidence_group", "component", "explanation"}));
  EXPECT_EQ(first["article"], "a0");
  EXPECT_EQ(first["outlet"], "np");
  EXPECT_EQ(first["subject"], "Syria");
  EXPECT_EQ(first["predicate"], "member_of");
  EXPECT_EQ(first["value"], false);
  EXPECT_EQ(first["as_of"], "2025-01-10");
  EXPECT_EQ(first["as_of_fallback"], true);
  EXPECT_EQ(first["probability"].get<double>(), 0.95);
  EXPECT_EQ(first["status"], "superseded");
  EXPECT_EQ(first["superseded_by"], Json::parse(R"(["a2/c1", "a3/c1", "a6/c1"])"));
  EXPECT_EQ(first["evidence_group"], "a0/c1");
  EXPECT_EQ(first["component"], 0);
  EXPECT_EQ(Keys(first["explanation"]),
            (std::vector<std::string>{"reason", "content_source", "via", "confidence", "weight",
                                      "source_reliability", "agrees_with", "conflicts_with",
                                      "relays_with", "influences"}));
  EXPECT_EQ(first["explanation"]["reason"], "held when made");
  EXPECT_EQ(first["explanation"]["agrees_with"], Json::parse(R"(["a1/c1"])"));
  EXPECT_FALSE(claims[1].contains("as_of_fallback"));
  EXPECT_FALSE(claims[1]["explanation"].contains("via_inferred"));

  // Relayed through the envoy: one evidence group named after its first claim.
  const Json& relayed = claims[6];
  EXPECT_EQ(relayed["evidence_group"], "a3/c1");
  EXPECT_EQ(claims[3]["evidence_group"], "a3/c1");
  EXPECT_EQ(relayed["explanation"]["content_source"], "envoy");
  EXPECT_EQ(relayed["explanation"]["via"], Json::parse(R"(["envoy"])"));
  EXPECT_EQ(relayed["explanation"]["weight"].get<double>(), 0.5);
  EXPECT_EQ(relayed["explanation"]["confidence"].get<double>(), 1.0);
  EXPECT_EQ(relayed["explanation"]["source_reliability"].get<double>(), 0.75);
  EXPECT_EQ(relayed["explanation"]["relays_with"], Json::parse(R"(["a3/c1"])"));
  EXPECT_EQ(claims[3]["explanation"]["via_inferred"], true);
  EXPECT_EQ(claims[2]["explanation"]["content_source"], "np");
  EXPECT_EQ(claims[2]["explanation"]["source_reliability"].get<double>(), 0.9);

  const Json& quantity = claims[4];
  EXPECT_EQ(quantity["value"]["amount"].get<double>(), 80.0);
  EXPECT_EQ(quantity["value"]["unit"], "count");
  EXPECT_EQ(quantity["value"]["text"], Value::Quantity(80.0, "count").ToDisplay());
  EXPECT_EQ(quantity["explanation"]["confidence"].get<double>(), 0.5);
  EXPECT_EQ(quantity["explanation"]["weight"].get<double>(), 0.5);
  EXPECT_EQ(quantity["explanation"]["conflicts_with"], Json::parse(R"(["a7/c1"])"));

  const Json& unknown = claims[5];
  EXPECT_TRUE(unknown["probability"].is_null());
  EXPECT_EQ(unknown["status"], "unresolved");
  EXPECT_TRUE(unknown["value"]["amount"].is_null());
  EXPECT_EQ(claims[7]["status"], "contradicted");
  EXPECT_EQ(claims[2]["status"], "confirmed");

  EXPECT_EQ(claims[2]["explanation"]["influences"], Json::parse(R"([
    {"evidence_group": "a3/c1", "claims": ["a3/c1", "a6/c1"], "source": "envoy", "delta": 0.02},
    {"evidence_group": "a0/c1", "claims": ["a0/c1"], "source": "np", "delta": -0.01}])"));
}

TEST(ScoresToJsonTest, PropositionsWithDatedTimelines) {
  const ClaimStore store = SampleStore();
  ScoreReport report = SampleReport();
  Json propositions = Parse(ScoresToJson(store, report))["propositions"];
  ASSERT_EQ(propositions.size(), 2U);
  const Json& membership = propositions[0];
  EXPECT_EQ(Keys(membership),
            (std::vector<std::string>{"subject", "predicate", "values", "timeline"}));
  EXPECT_EQ(membership["subject"], "Syria");
  EXPECT_EQ(membership["predicate"], "member_of");
  EXPECT_EQ(membership["values"], Json::parse("[false, true]"));
  EXPECT_EQ(membership["timeline"], Json::parse(R"([
    {"from": null, "until": "2025-04-14", "value": false, "probability": 0.93,
     "evidence_from": "2025-01-10", "evidence_until": "2025-01-12", "claims": ["a0/c1", "a1/c1"]},
    {"from": "2025-04-14", "until": null, "value": true, "probability": 0.96,
     "evidence_from": "2025-04-14", "evidence_until": "2025-04-16",
     "claims": ["a2/c1", "a3/c1", "a6/c1"]}])"));
  const Json& size = propositions[1];
  ASSERT_EQ(size["values"].size(), 2U);
  EXPECT_EQ(size["values"][0]["amount"].get<double>(), 80.0);
  EXPECT_EQ(size["values"][1]["amount"].get<double>(), 95.0);
  EXPECT_EQ(size["timeline"][0]["value"], size["values"][0]);

  // The state after the candidate values is "none of these": no value to write.
  report.timelines[1][0].state = 2;
  propositions = Parse(ScoresToJson(store, report))["propositions"];
  EXPECT_TRUE(propositions[1]["timeline"][0]["value"].is_null());
}

TEST(ScoresToJsonTest, Supersessions) {
  const Json events = Parse(ScoresToJson(SampleStore(), SampleReport()))["supersessions"];
  EXPECT_EQ(events, Json::parse(R"([
    {"subject": "Syria", "predicate": "member_of", "at": "2025-04-14", "probability": null,
     "probability_if_earlier_true": null, "interval": null, "kind": "world_change",
     "from_value": false, "to_value": true, "superseded_claims": ["a0/c1", "a1/c1"],
     "establishing_claims": ["a2/c1", "a3/c1", "a6/c1"]}])"));
  // A temporal model's change posterior is written as it is.
  ScoreReport report = SampleReport();
  report.supersessions[0].probability = 0.75;
  report.supersessions[0].probability_if_earlier_true = 0.875;
  report.supersessions[0].interval = std::array<std::int32_t, 2>{20180, 20192};
  const Json dated = Parse(ScoresToJson(SampleStore(), report))["supersessions"][0];
  EXPECT_EQ(dated["probability"], 0.75);
  EXPECT_EQ(dated["probability_if_earlier_true"], 0.875);
  EXPECT_EQ(dated["interval"], Json::parse(R"(["2025-04-02", "2025-04-14"])"));
}

TEST(ScoresToJsonTest, FloatsRoundTripAndNonFiniteBecomesNull) {
  const ClaimStore store = SampleStore();
  ScoreReport report = SampleReport();
  const double tricky = 0.1 + 0.2;  // 0.30000000000000004
  report.outlets[0].reliability = tricky;
  report.outlets[1].reliability = 1.0 / 3.0;
  report.outlets[2].reliability = std::numeric_limits<double>::quiet_NaN();
  report.claims[0].probability = std::numeric_limits<double>::infinity();
  report.summary.log_likelihood.push_back(-std::numeric_limits<double>::infinity());
  const std::string text = ScoresToJson(store, report);
  EXPECT_NE(text.find("0.30000000000000004"), std::string::npos);
  // A strict parser refuses NaN and infinity, so parsing proves none was written.
  const Json root = Parse(text);
  EXPECT_EQ(root["outlets"][0]["reliability"].get<double>(), tricky);
  EXPECT_EQ(root["outlets"][1]["reliability"].get<double>(), 1.0 / 3.0);
  EXPECT_TRUE(root["outlets"][2]["reliability"].is_null());
  EXPECT_TRUE(root["claims"][0]["probability"].is_null());
  EXPECT_TRUE(root["summary"]["log_likelihood"][3].is_null());
}

TEST(ScoresToJsonTest, RejectsAReportOfAnotherStore) {
  ScoreReport report = SampleReport();
  report.claims.pop_back();
  EXPECT_THROW(ScoresToJson(SampleStore(), report), std::invalid_argument);
}

}  // namespace
}  // namespace credence

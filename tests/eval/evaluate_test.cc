#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "credence/eval.h"
#include "eval/metrics.h"
#include "test_support.h"

namespace credence {
namespace {

using testing::DocumentBuilder;

TruthRecord Gold(const std::string& subject, const std::string& value) {
  return {subject, "label", value};
}

// Majority vote gives each claimed label its share of the votes:
//   q1: a a b -> a 2/3, b 1/3; gold a (right)
//   q2: b c   -> b 1/2, c 1/2; gold c (a tie, decided for b: wrong)
//   q3: c c a -> c 2/3, a 1/3; gold a (wrong)
//   q5: a     -> a 1;          gold b, which nobody claims (wrong)
//   q4 has gold and no claim at all.
ClaimStore TinyStore() {
  return DocumentBuilder()
      .Outlet("w1")
      .Outlet("w2")
      .Outlet("w3")
      .Predicate("label", ValueKind::kCategory)
      .Claim("w1", "q1", "label", Value::Category("a"))
      .Claim("w2", "q1", "label", Value::Category("a"))
      .Claim("w3", "q1", "label", Value::Category("b"))
      .Claim("w1", "q2", "label", Value::Category("c"))
      .Claim("w2", "q2", "label", Value::Category("b"))
      .Claim("w1", "q3", "label", Value::Category("c"))
      .Claim("w2", "q3", "label", Value::Category("c"))
      .Claim("w3", "q3", "label", Value::Category("a"))
      .Claim("w1", "q5", "label", Value::Category("a"))
      .Store();
}

std::vector<TruthRecord> TinyTruth() {
  return {Gold("q1", "a"), Gold("q2", "c"), Gold("q3", "a"), Gold("q4", "a"), Gold("q5", "b")};
}

TEST(Evaluate, MajorityVoteMetricsByHand) {
  const std::vector<EvalResult> results =
      Evaluate(TinyStore(), TinyTruth(), {"majority-vote"}, SolverOptions{});
  ASSERT_EQ(results.size(), 1U);
  const EvalResult& r = results[0];
  EXPECT_EQ(r.algorithm, "majority-vote");
  EXPECT_EQ(r.gold_items, 4);
  EXPECT_EQ(r.gold_without_claims, 1);
  EXPECT_EQ(r.correct, 1);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.25);
  EXPECT_EQ(r.ties, 1);
  // F1: a has TP 1 (q1), FP 1 (q5), FN 1 (q3) -> 0.5; b and c have no TP -> 0. Mean over the
  // three gold classes.
  EXPECT_NEAR(r.macro_f1, 0.5 / 3.0, 1e-12);
  const double expected_log_loss =
      (-std::log(2.0 / 3.0) - std::log(0.5) - std::log(1.0 / 3.0) - std::log(1e-15)) / 4.0;
  EXPECT_NEAR(r.log_loss, expected_log_loss, 1e-9);
  // q1 1/9 + 1/9, q2 1/4 + 1/4, q3 4/9 + 4/9, q5 (1 - 0)^2 for a + (0 - 1)^2 for the gold b.
  EXPECT_NEAR(r.brier, (2.0 / 9.0 + 0.5 + 8.0 / 9.0 + 2.0) / 4.0, 1e-12);
  // Bins: [0.5, 0.6) q2 (acc 0, conf 0.5); [0.6, 0.7) q1, q3 (acc 0.5, conf 2/3); [0.9, 1] q5
  // (acc 0, conf 1).
  EXPECT_NEAR(r.expected_calibration_error, (0.5 * 1 + (2.0 / 3.0 - 0.5) * 2 + 1.0 * 1) / 4.0,
              1e-12);
  EXPECT_EQ(r.iterations, 1);
  EXPECT_EQ(r.termination, "convergence");
}

TEST(Evaluate, TieGoesToSmallestDisplayText) {
  // One vote each; "alpha" wins the tie although "beta" was claimed first.
  const ClaimStore store = DocumentBuilder()
                               .Outlet("w1")
                               .Outlet("w2")
                               .Predicate("label", ValueKind::kCategory)
                               .Claim("w1", "q", "label", Value::Category("beta"))
                               .Claim("w2", "q", "label", Value::Category("alpha"))
                               .Store();
  const auto alpha = Evaluate(store, {Gold("q", "alpha")}, {"majority-vote"}, SolverOptions{});
  EXPECT_EQ(alpha[0].correct, 1);
  EXPECT_EQ(alpha[0].ties, 1);
  const auto beta = Evaluate(store, {Gold("q", "beta")}, {"majority-vote"}, SolverOptions{});
  EXPECT_EQ(beta[0].correct, 0);
  EXPECT_EQ(beta[0].ties, 1);
}

TEST(Evaluate, GoldWithoutPropositionOrPredicateIsExcluded) {
  TruthRecord undeclared{"q1", "other-predicate", "a"};
  undeclared.where = {"gold.csv", "", 3};
  const std::vector<TruthRecord> truth = {Gold("q1", "a"), undeclared, Gold("nobody", "a")};
  std::vector<Diagnostic> warnings;
  const auto results = Evaluate(TinyStore(), truth, {"majority-vote"}, SolverOptions{}, &warnings);
  EXPECT_EQ(results[0].gold_items, 1);
  EXPECT_EQ(results[0].gold_without_claims, 2);
  EXPECT_DOUBLE_EQ(results[0].accuracy, 1.0);
  // The undeclared predicate is probably a typo: said, not silently dropped.
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(
      warnings[0].ToString(),
      "gold.csv:3: warning: predicate \"other-predicate\" is not declared in \"\"; the record "
      "is left out");
}

TEST(Evaluate, AGoldFileSharingNoItemIsAnError) {
  TruthRecord elsewhere = Gold("nobody", "a");
  elsewhere.where = {"gold.csv", "", 2};
  try {
    Evaluate(TinyStore(), {elsewhere, Gold("q4", "a")}, {"majority-vote"}, SolverOptions{});
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what())
                  .find("gold.csv: no gold item has claims: none of its 2 "
                        "items (subject, predicate) has a scorable claim"),
              std::string::npos)
        << error.what();
  }
}

TEST(Evaluate, RepeatedGoldCountsOnceAndConflictingGoldIsAnError) {
  // "A" and "a" are one category: a repeat, counted once.
  TruthRecord repeat = Gold("q1", "A");
  repeat.where = {"gold.csv", "", 3};
  const auto results =
      Evaluate(TinyStore(), {Gold("q1", "a"), repeat}, {"majority-vote"}, SolverOptions{});
  EXPECT_EQ(results[0].gold_items, 1);
  EXPECT_EQ(results[0].correct, 1);
  TruthRecord first = Gold("q1", "a");
  first.where = {"gold.csv", "", 2};
  TruthRecord conflict = Gold("q1", "b");
  conflict.where = {"gold.csv", "", 5};
  try {
    Evaluate(TinyStore(), {first, conflict}, {"majority-vote"}, SolverOptions{});
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "gold.csv:5: conflicting gold values for subject \"q1\", predicate \"label\": \"a\" "
              "(line 2) and \"b\"");
  }
}

// Gold values are typed by the predicate and matched with Compatible, as claims are grouped.
//   relief/length: w1 6 months (182.6 days), w2 180 days, w3 30 days. 182.6 and 180 are 1.4%
//   apart: one value, shown as its anchor "180 day"; majority vote gives it 2/3.
TEST(Evaluate, QuantityGoldIsMatchedWithinTheTolerance) {
  ClaimsDocument document = DocumentBuilder()
                                .Outlet("w1")
                                .Outlet("w2")
                                .Outlet("w3")
                                .Predicate("length", ValueKind::kQuantity)
                                .Claim("w1", "relief", "length", Value::Quantity(6, "month"))
                                .Claim("w2", "relief", "length", Value::Quantity(180, "day"))
                                .Claim("w3", "relief", "length", Value::Quantity(30, "day"))
                                .Document();
  document.predicates[0].unit = "day";
  const ClaimStore store = BuildClaimStore(std::move(document));
  // 26 weeks = 182 days: within 2% of 180 (3.64 days), far from 30.
  const auto right = Evaluate(store, {{"relief", "length", "26 weeks"}}, {"majority-vote"}, {});
  EXPECT_EQ(right[0].correct, 1);
  EXPECT_NEAR(right[0].log_loss, -std::log(2.0 / 3.0), 1e-12);
  // A month (30.44 days) is within 2% of 30 days (0.61 days) and of nothing else: wrong, with
  // probability 1/3.
  const auto wrong = Evaluate(store, {{"relief", "length", "1 month"}}, {"majority-vote"}, {});
  EXPECT_EQ(wrong[0].correct, 0);
  EXPECT_NEAR(wrong[0].log_loss, -std::log(1.0 / 3.0), 1e-12);
  // A value no claim agrees with counts as wrong, with probability 0.
  const auto unclaimed = Evaluate(store, {{"relief", "length", "1 year"}}, {"majority-vote"}, {});
  EXPECT_EQ(unclaimed[0].gold_items, 1);
  EXPECT_EQ(unclaimed[0].correct, 0);
  EXPECT_NEAR(unclaimed[0].log_loss, -std::log(1e-15), 1e-9);
}

TEST(Evaluate, GoldThatAgreesWithSeveralValuesIsRefused) {
  // "2025" agrees with both days, which do not agree with each other.
  const ClaimStore store = DocumentBuilder()
                               .Outlet("w1")
                               .Outlet("w2")
                               .Predicate("held_on", ValueKind::kDate)
                               .Claim("w1", "vote", "held_on", Value::FromDate({2025, 4, 1}))
                               .Claim("w2", "vote", "held_on", Value::FromDate({2025, 5, 1}))
                               .Store();
  TruthRecord coarse{"vote", "held_on", "2025"};
  coarse.where = {"gold.csv", "", 2};
  try {
    Evaluate(store, {coarse}, {"majority-vote"}, {});
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "gold.csv:2: gold value \"2025\" agrees with several candidate values of subject "
              "\"vote\", predicate \"held_on\" (\"2025-04-01\", \"2025-05-01\"); give it as "
              "precisely as the claims do");
  }
  EXPECT_EQ(Evaluate(store, {{"vote", "held_on", "2025-05-01"}}, {"majority-vote"}, {})[0].ties, 1);
}

TEST(Evaluate, AValueThePredicateCannotReadIsAnErrorAtItsLine) {
  TruthRecord bad = Gold("q1", " ");
  bad.where = {"gold.csv", "", 4};
  EXPECT_THROW(Evaluate(TinyStore(), {bad}, {"majority-vote"}, {}), InputError);
}

// A value that changes: four outlets say false in January 2020, four others true in January
// 2023. temporal-em gives the timeline false until 2023-01-15, true from then; majority vote
// has no time model: one segment, four votes each, a tie that goes to "false".
//   gold                    temporal-em (segment: claimed values)   majority vote
//   false on 2019-01-01     first segment: false       right       false, tie   right
//   false on 2020-06-01     first segment: false       right       false, tie   right
//   true  on 2021-06-01     first segment: false       wrong       false, tie   wrong
//   true  on 2024-01-01     second segment: true       right       false, tie   wrong
//   true  (no date)         last segment: true         right       false, tie   wrong
TEST(Evaluate, DatedGoldIsComparedWithTheTimelineOnThatDate) {
  DocumentBuilder builder;
  builder.Predicate("member", ValueKind::kBoolean, /*is_mutable=*/true);
  const std::int32_t before = DaysFromCivil(2020, 1, 15);
  const std::int32_t after = DaysFromCivil(2023, 1, 15);
  for (int i = 0; i < 8; ++i) {
    const std::string outlet = "o" + std::to_string(i);
    builder.Outlet(outlet).Claim(outlet, "Syria", "member", Value::Boolean(i >= 4),
                                 i < 4 ? before : after);
  }
  const ClaimStore store = builder.Store();
  const Solution solution = CreateSolver("temporal-em")->Solve(store, SolverOptions{});
  ASSERT_EQ(solution.timelines[0].size(), 2U) << "the example needs a timeline that changes";
  ASSERT_EQ(solution.timelines[0][0].state, 0U);  // false
  ASSERT_EQ(solution.timelines[0][1].state, 1U);  // true

  const auto on = [](const char* value, std::optional<Date> date) {
    TruthRecord record{"Syria", "member", value};
    record.date = date;
    return record;
  };
  const std::vector<TruthRecord> truth = {
      on("false", Date{2019, 1, 1}), on("false", Date{2020, 6, 1}), on("true", Date{2021, 6, 1}),
      on("true", Date{2024, 1, 1}), on("true", std::nullopt)};
  const auto results = Evaluate(store, truth, {"temporal-em", "majority-vote"}, SolverOptions{});
  const EvalResult& temporal = results[0];
  EXPECT_EQ(temporal.gold_items, 5);
  EXPECT_EQ(temporal.correct, 4);
  EXPECT_EQ(temporal.ties, 0);
  // Each segment claims one value, so its probability is 1; 2021-06-01 gets 0 for true.
  EXPECT_NEAR(temporal.log_loss, -std::log(1e-15) / 5.0, 1e-9);
  EXPECT_NEAR(temporal.brier, 2.0 / 5.0, 1e-12);
  const EvalResult& majority = results[1];
  EXPECT_EQ(majority.correct, 2);
  EXPECT_EQ(majority.ties, 5);
  EXPECT_NEAR(majority.log_loss, std::log(2.0), 1e-12);
  EXPECT_NEAR(majority.brier, 0.5, 1e-12);
}

// A second algorithm, checked against the rule applied here to its own claim probabilities.
TEST(Evaluate, SecondAlgorithmFollowsItsClaimProbabilities) {
  const ClaimStore store = TinyStore();
  const SolverOptions options;
  const auto results = Evaluate(store, TinyTruth(), {"majority-vote", "dawid-skene"}, options);
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[1].algorithm, "dawid-skene");
  const Solution solution = CreateSolver("dawid-skene")->Solve(store, options);

  int correct = 0;
  double log_loss = 0.0;
  const std::map<std::string, std::string> gold = {
      {"q1", "a"}, {"q2", "c"}, {"q3", "a"}, {"q5", "b"}};
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const PropositionInfo& info = store.propositions()[p];
    std::map<std::string, double> by_value;  // ordered by text, so the first max is the smallest
    for (std::uint32_t c : store.ClaimsOfProposition(p)) {
      by_value[store.ValuesOf(p)[store.claim_state()[c]].ToDisplay()] =
          solution.claim_probability[c];
    }
    double total = 0.0;
    std::string best;
    for (const auto& [value, probability] : by_value) {
      total += probability;
      if (best.empty() || probability > by_value[best] + 1e-9) best = value;
    }
    const std::string& g = gold.at(info.subject);
    correct += best == g ? 1 : 0;
    const double p_gold = by_value.contains(g) ? by_value[g] / total : 0.0;
    log_loss -= std::log(std::max(p_gold, 1e-15));
  }
  EXPECT_EQ(results[1].gold_items, 4);
  EXPECT_EQ(results[1].correct, correct);
  EXPECT_NEAR(results[1].log_loss, log_loss / 4.0, 1e-9);
}

TEST(Evaluate, SameOptionsGiveSameNumbers) {
  const auto a = Evaluate(TinyStore(), TinyTruth(), {"glad", "temporal-em"}, SolverOptions{});
  const auto b = Evaluate(TinyStore(), TinyTruth(), {"glad", "temporal-em"}, SolverOptions{});
  ASSERT_EQ(a.size(), 2U);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].correct, b[i].correct);
    EXPECT_EQ(a[i].log_loss, b[i].log_loss);
    EXPECT_EQ(a[i].brier, b[i].brier);
  }
}

TEST(Evaluate, UnknownAlgorithmThrows) {
  EXPECT_THROW(Evaluate(TinyStore(), TinyTruth(), {"no-such"}, SolverOptions{}),
               std::invalid_argument);
}

TEST(Metrics, NormaliseAndDecode) {
  EXPECT_EQ(eval_internal::Normalise({2.0, 6.0}), (std::vector<double>{0.25, 0.75}));
  EXPECT_EQ(eval_internal::Normalise({0.0, -1.0}), (std::vector<double>{0.5, 0.5}));
  eval_internal::ItemDistribution item{{"z", "b", "a"}, {0.4, 0.4, 0.2}, "b"};
  const eval_internal::Decoded decoded = eval_internal::Decode(item);
  EXPECT_EQ(decoded.predicted, 1U);
  EXPECT_TRUE(decoded.tie);
  item.probability = {0.5, 0.3, 0.2};
  EXPECT_EQ(eval_internal::Decode(item).predicted, 0U);
  EXPECT_FALSE(eval_internal::Decode(item).tie);
}

TEST(EvalJson, Shape) {
  EvalResult r;
  r.algorithm = "majority-vote";
  r.gold_items = 4;
  r.gold_without_claims = 1;
  r.correct = 1;
  r.accuracy = 0.25;
  r.termination = "convergence";
  const nlohmann::json json = nlohmann::json::parse(EvalResultsToJson("d/answer.csv", {r}));
  EXPECT_EQ(json["dataset"], "d/answer.csv");
  ASSERT_EQ(json["results"].size(), 1U);
  const nlohmann::json& entry = json["results"][0];
  for (const char* key : {"algorithm", "gold_items", "gold_without_claims", "correct", "accuracy",
                          "ties", "macro_f1", "log_loss", "brier", "expected_calibration_error",
                          "iterations", "termination", "fit_seconds"}) {
    EXPECT_TRUE(entry.contains(key)) << key;
  }
  EXPECT_EQ(entry.size(), 13U);
  EXPECT_EQ(entry["accuracy"], 0.25);
  EXPECT_EQ(entry["gold_without_claims"], 1);
  const std::string table = EvalResultsToTable("d/answer.csv", {r});
  EXPECT_NE(table.find("majority-vote"), std::string::npos);
  EXPECT_NE(table.find("0.2500"), std::string::npos);
  EXPECT_NE(table.find("1/4"), std::string::npos);
}

}  // namespace
}  // namespace credence

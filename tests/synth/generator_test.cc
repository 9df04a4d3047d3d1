// The synthetic generator: determinism, the one-coin model's rates, the outputs' agreement with
// each other (parsed back with the project's reader and with nlohmann::json), and the flagship
// check that temporal-em finds the generated change times.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "credence/claim_store.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/score.h"
#include "credence/synth.h"
#include "credence/value.h"

namespace credence {
namespace {

using Json = nlohmann::json;

// Reliabilities this close to 1 make a wrong draw (probability 1e-12 per claim) negligible, so
// every claim reports exactly the value it aims at.
constexpr double kAlmostOne = 1.0 - 1e-12;

std::int32_t Day(const std::string& iso) {
  std::string error;
  return ParseIsoDate(iso, &error)->FirstDay();
}

SynthOptions SmallTemporalOptions() {
  SynthOptions options;
  options.seed = 7;
  options.sources = 8;
  options.items = 60;
  options.answers_per_item = 5;
  options.mutable_fraction = 0.5;
  options.change_rate = 3.0;
  options.relay_fraction = 0.2;
  options.stale_sources = 1;
  options.headline_fraction = 0.1;
  return options;
}

TEST(Synth, SameSeedGivesIdenticalBytesOtherSeedDiffers) {
  const SynthOptions options = SmallTemporalOptions();
  const SynthDataset a = GenerateSynth(options);
  const SynthDataset b = GenerateSynth(options);
  EXPECT_EQ(SynthClaimsJson(a), SynthClaimsJson(b));
  EXPECT_EQ(SynthAnswersCsv(a), SynthAnswersCsv(b));
  EXPECT_EQ(SynthTruthCsv(a), SynthTruthCsv(b));
  EXPECT_EQ(SynthTruthJson(a), SynthTruthJson(b));

  SynthOptions other = options;
  other.seed = 8;
  const SynthDataset c = GenerateSynth(other);
  EXPECT_NE(SynthClaimsJson(a), SynthClaimsJson(c));
  EXPECT_NE(SynthAnswersCsv(a), SynthAnswersCsv(c));
  EXPECT_NE(SynthTruthJson(a), SynthTruthJson(c));
}

TEST(Synth, WrittenFilesEqualTheRenderedTexts) {
  const SynthDataset data = GenerateSynth(SmallTemporalOptions());
  const std::string prefix = testing::TempDir() + "synth_files";
  WriteSynthFiles(data, prefix);
  EXPECT_EQ(ReadInputBytes(prefix + ".claims.json", 1U << 30), SynthClaimsJson(data));
  EXPECT_EQ(ReadInputBytes(prefix + ".answers.csv", 1U << 30), SynthAnswersCsv(data));
  EXPECT_EQ(ReadInputBytes(prefix + ".truth.csv", 1U << 30), SynthTruthCsv(data));
  EXPECT_EQ(ReadInputBytes(prefix + ".truth.json", 1U << 30), SynthTruthJson(data));
  // The claims document also reads through the file reader.
  EXPECT_EQ(ReadClaimsDocument(prefix + ".claims.json").NumClaims(), data.claims.size());
}

TEST(Synth, EmpiricalReliabilitiesMatchTheChosenOnes) {
  SynthOptions options;
  options.seed = 11;
  options.reliabilities = {0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.3};
  options.items = 20000;
  options.answers_per_item = 5;  // each source answers about 10000 items
  const SynthDataset data = GenerateSynth(options);
  ASSERT_EQ(data.claims.size(), 100000U);

  std::vector<int> right(options.reliabilities.size());
  std::vector<int> total(options.reliabilities.size());
  for (const SynthClaim& claim : data.claims) {
    ++total[claim.source];
    if (claim.value == data.items[claim.item].ValueAt(claim.day)) ++right[claim.source];
  }
  for (std::size_t s = 0; s < options.reliabilities.size(); ++s) {
    const double p = options.reliabilities[s];
    const double n = total[s];
    const double sd = std::sqrt(p * (1 - p) / n);
    EXPECT_NEAR(right[s] / n, p, 4 * sd) << "source " << s << " with " << n << " claims";
    // Sources are drawn uniformly: 5 of 10 per item.
    EXPECT_NEAR(n, 10000.0, 4 * std::sqrt(20000 * 0.5 * 0.5));
  }
}

TEST(Synth, DrawnReliabilitiesLieInTheRange) {
  SynthOptions options;
  options.sources = 50;
  options.min_reliability = 0.6;
  options.max_reliability = 0.7;
  const SynthDataset data = GenerateSynth(options);
  ASSERT_EQ(data.sources.size(), 50U);
  double lowest = 1;
  double highest = 0;
  for (const SynthSource& source : data.sources) {
    lowest = std::min(lowest, source.reliability);
    highest = std::max(highest, source.reliability);
  }
  EXPECT_GE(lowest, 0.6);
  EXPECT_LT(highest, 0.7);
  // 50 uniform draws leave gaps of about 0.1 / 51 at the ends.
  EXPECT_LT(lowest, 0.62);
  EXPECT_GT(highest, 0.68);
}

TEST(Synth, ClaimsDocumentLoadsWithExpectedCounts) {
  SynthOptions options = SmallTemporalOptions();
  options.claims = 1001;  // -> ceil(1001 / 5) = 201 items
  const SynthDataset data = GenerateSynth(options);
  ASSERT_EQ(data.items.size(), 201U);
  ClaimsDocument document = ParseClaimsDocument(SynthClaimsJson(data), "synth");
  EXPECT_EQ(document.NumClaims(), 1005U);
  EXPECT_EQ(document.articles.size(), 1005U);
  EXPECT_EQ(document.predicates.size(), 2U);
  const ClaimStore store = BuildClaimStore(std::move(document));
  EXPECT_EQ(store.num_claims(), 1005U);
  EXPECT_EQ(store.num_outlets(), 8U);
  EXPECT_EQ(store.num_propositions(), 201U);

  // CSV files: a header and one row per claim or item.
  const std::string answers = SynthAnswersCsv(data);
  EXPECT_EQ(answers.rfind("question,worker,answer\n", 0), 0U);
  EXPECT_EQ(std::count(answers.begin(), answers.end(), '\n'), 1006);
  const std::string truth = SynthTruthCsv(data);
  EXPECT_EQ(truth.rfind("question,truth\n", 0), 0U);
  EXPECT_EQ(std::count(truth.begin(), truth.end(), '\n'), 202);
}

TEST(Synth, TruthJsonTimelineExplainsEveryClaimAndChangesLieInTheWindow) {
  SynthOptions options;
  options.seed = 3;
  options.reliabilities = {kAlmostOne, kAlmostOne, kAlmostOne, kAlmostOne};
  options.answers_per_item = 4;
  options.items = 300;
  options.mutable_fraction = 0.6;
  options.change_rate = 4.0;
  options.start_date = "2023-06-01";
  options.days = 200;
  const SynthDataset data = GenerateSynth(options);
  const Json truth = Json::parse(SynthTruthJson(data));
  const std::int32_t from = Day(truth["window"]["from"]);
  const std::int32_t until = Day(truth["window"]["until"]);
  EXPECT_EQ(from, DaysFromCivil(2023, 6, 1));
  EXPECT_EQ(until - from, 200);

  // Per item, the timeline as written: (from day, value).
  std::map<std::string, std::vector<std::pair<std::int32_t, std::string>>> timelines;
  std::map<std::string, std::string> finals;
  int changes = 0;
  for (const Json& item : truth["items"]) {
    auto& timeline = timelines[item["id"]];
    for (const Json& segment : item["timeline"]) {
      timeline.emplace_back(segment["from"].is_null() ? from : Day(segment["from"]),
                            segment["value"]);
    }
    ASSERT_EQ(item["changes"].size() + 1, timeline.size());
    for (std::size_t k = 1; k < timeline.size(); ++k) {
      EXPECT_GT(timeline[k].first, from);
      EXPECT_LT(timeline[k].first, until - 1);
      EXPECT_GT(timeline[k].first, timeline[k - 1].first);
      EXPECT_EQ(Day(item["changes"][k - 1]), timeline[k].first);
      ++changes;
    }
    EXPECT_EQ(item["final"], timeline.back().second);
    if (timeline.size() > 1) {
      EXPECT_EQ(item["predicate"], "synth_mutable");
    }
    finals[item["id"]] = timeline.back().second;
  }
  // About 180 mutable items with Poisson(4 * 200 / 365 = 2.2) changes each.
  EXPECT_GT(changes, 250);

  const ClaimsDocument document = ParseClaimsDocument(SynthClaimsJson(data), "synth");
  int checked = 0;
  for (const ArticleRecord& article : document.articles) {
    for (const ClaimRecord& claim : article.claims) {
      const auto& timeline = timelines.at(claim.subject);
      const std::int32_t day = claim.as_of.FirstDay();
      EXPECT_GE(day, from);
      EXPECT_LT(day, until);
      std::string expected = timeline.front().second;
      for (const auto& [start, value] : timeline) {
        if (start <= day) expected = value;
      }
      EXPECT_EQ(claim.value.ToDisplay(), expected) << claim.id;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 1200);

  // truth.csv carries the final values.
  const std::string csv = SynthTruthCsv(data);
  for (const auto& [id, value] : finals) {
    EXPECT_NE(csv.find("\n" + id + "," + value + "\n"), std::string::npos) << id;
  }
}

TEST(Synth, StaleSourcesKeepTheOriginalValue) {
  SynthOptions options;
  options.seed = 5;
  options.reliabilities = {kAlmostOne, kAlmostOne, kAlmostOne, kAlmostOne, kAlmostOne};
  options.answers_per_item = 5;
  options.items = 200;
  options.mutable_fraction = 1.0;
  options.changes_per_item = 1;
  options.stale_sources = 2;
  const SynthDataset data = GenerateSynth(options);
  int stale_count = 0;
  for (const SynthSource& source : data.sources) stale_count += source.stale ? 1 : 0;
  EXPECT_EQ(stale_count, 2);
  int stale_after_change = 0;
  for (const SynthClaim& claim : data.claims) {
    const SynthItem& item = data.items[claim.item];
    ASSERT_EQ(item.change_days.size(), 1U);
    ASSERT_NE(item.values[0], item.values[1]);
    const bool stale = data.sources[claim.source].stale;
    const std::uint16_t expected =
        stale ? item.values[0]
              : (claim.day >= item.change_days[0] ? item.values[1] : item.values[0]);
    EXPECT_EQ(claim.value, expected);
    if (stale && claim.day >= item.change_days[0]) ++stale_after_change;
  }
  EXPECT_GT(stale_after_change, 100);  // about 400 * 1/2
}

TEST(Synth, RelaysCopyTheirUpstream) {
  SynthOptions options;
  options.seed = 9;
  options.sources = 12;
  options.items = 2000;
  options.answers_per_item = 6;
  options.mutable_fraction = 0.5;
  options.relay_fraction = 0.25;
  options.relay_with_via = 0.4;
  options.relay_max_shift = 3;
  const SynthDataset data = GenerateSynth(options);
  const ClaimsDocument document = ParseClaimsDocument(SynthClaimsJson(data), "synth");
  ASSERT_EQ(document.articles.size(), data.claims.size());
  const Json truth = Json::parse(SynthTruthJson(data));

  std::map<std::string, const ClaimRecord*> by_id;
  std::map<std::string, std::string> outlet_of;
  for (const ArticleRecord& article : document.articles) {
    for (const ClaimRecord& claim : article.claims) {
      by_id[claim.id] = &claim;
      outlet_of[claim.id] = article.outlet;
    }
  }
  int relays = 0;
  int with_via = 0;
  for (const Json& relay : truth["relays"]) {
    const ClaimRecord& copy = *by_id.at(relay["claim"]);
    const ClaimRecord& upstream = *by_id.at(relay["upstream_claim"]);
    EXPECT_EQ(copy.subject, upstream.subject);
    EXPECT_EQ(copy.value.ToDisplay(), upstream.value.ToDisplay());
    EXPECT_LE(std::abs(copy.as_of.FirstDay() - upstream.as_of.FirstDay()), 3);
    EXPECT_EQ(outlet_of[relay["claim"]], relay["outlet"]);
    EXPECT_EQ(outlet_of[relay["upstream_claim"]], relay["upstream"]);
    EXPECT_NE(relay["outlet"], relay["upstream"]);
    if (relay["via"].get<bool>()) {
      ++with_via;
      ASSERT_EQ(copy.via.size(), 1U);
      EXPECT_EQ(copy.via[0], relay["upstream"]);
    } else {
      EXPECT_TRUE(copy.via.empty());
    }
    ++relays;
  }
  // 12000 claims, 25% relays (sd about 47), 40% of them with via (sd about 27).
  EXPECT_NEAR(relays, 3000, 250);
  EXPECT_NEAR(with_via, 0.4 * relays, 150);
  // No claim outside the relay list has a via.
  int vias = 0;
  for (const auto& [id, claim] : by_id) vias += claim->via.empty() ? 0 : 1;
  EXPECT_EQ(vias, with_via);
}

TEST(Synth, HeadlinesHaveLowConfidenceAndMoreErrors) {
  SynthOptions options;
  options.seed = 13;
  options.reliabilities = {0.8, 0.8, 0.8, 0.8};
  options.answers_per_item = 4;
  options.items = 10000;
  options.headline_fraction = 0.3;
  const SynthDataset data = GenerateSynth(options);
  int headlines = 0;
  int headline_wrong = 0;
  for (const SynthClaim& claim : data.claims) {
    if (!claim.headline) continue;
    ++headlines;
    if (claim.value != data.items[claim.item].ValueAt(claim.day)) ++headline_wrong;
  }
  // 40000 claims, 30% headlines; each wrong with min(1, 2 * 0.2) = 0.4.
  EXPECT_NEAR(headlines, 12000, 4 * std::sqrt(40000 * 0.3 * 0.7));
  EXPECT_NEAR(static_cast<double>(headline_wrong) / headlines, 0.4,
              4 * std::sqrt(0.4 * 0.6 / headlines));
  const ClaimsDocument document = ParseClaimsDocument(SynthClaimsJson(data), "synth");
  int low_confidence = 0;
  for (const ArticleRecord& article : document.articles) {
    for (const ClaimRecord& claim : article.claims) {
      if (claim.confidence == 0.6) ++low_confidence;
    }
  }
  EXPECT_EQ(low_confidence, headlines);
}

TEST(Synth, InvalidOptionsAreRejected) {
  std::string error;
  EXPECT_TRUE(SynthOptions{}.IsValid(&error)) << error;
  SynthOptions too_many_answers;
  too_many_answers.sources = 3;
  too_many_answers.answers_per_item = 4;
  EXPECT_FALSE(too_many_answers.IsValid(&error));
  EXPECT_NE(error.find("answers-per-item"), std::string::npos);
  EXPECT_THROW(GenerateSynth(too_many_answers), std::invalid_argument);
  SynthOptions one_value;
  one_value.min_values = 1;
  EXPECT_FALSE(one_value.IsValid(&error));
  SynthOptions bad_reliability;
  bad_reliability.reliabilities = {0.5, 1.0};
  bad_reliability.answers_per_item = 2;
  EXPECT_FALSE(bad_reliability.IsValid(&error));
  SynthOptions crowded_changes;
  crowded_changes.days = 100;
  crowded_changes.min_change_gap = 40;
  crowded_changes.changes_per_item = 2;  // needs 40 + 40 + 40 days inside, 20 are left
  EXPECT_FALSE(crowded_changes.IsValid(&error));
  SynthOptions bad_date;
  bad_date.start_date = "2024-13-01";
  EXPECT_FALSE(bad_date.IsValid(&error));
}

// The flagship's selling point: on data with two changes per mutable item, temporal-em places
// most changes near where they happened.
TEST(SynthSystem, TemporalEmRecoversChangeTimes) {
  SynthOptions options;
  options.seed = 2026;
  options.sources = 50;
  options.min_reliability = 0.75;
  options.max_reliability = 0.95;
  options.items = 150;
  options.answers_per_item = 40;
  options.min_values = 3;
  options.max_values = 4;
  options.days = 730;
  options.mutable_fraction = 1.0;
  options.changes_per_item = 2;
  options.min_change_gap = 120;
  const SynthDataset data = GenerateSynth(options);
  const ClaimStore store = BuildClaimStore(ParseClaimsDocument(SynthClaimsJson(data), "synth"));
  SolverOptions solver;
  solver.algorithm = "temporal-em";
  const ScoreReport report = Score(store, solver);

  std::map<std::string, std::vector<std::int32_t>> detected;
  for (const Supersession& event : report.supersessions) {
    detected[store.propositions()[event.proposition].subject].push_back(event.at);
  }
  int found = 0;
  int total = 0;
  int spurious = 0;
  for (std::size_t i = 0; i < data.items.size(); ++i) {
    std::vector<std::int32_t> events = detected[SynthItemId(i)];
    for (std::int32_t change : data.items[i].change_days) {
      ++total;
      // Each detected event is matched to at most one true change.
      auto best = events.end();
      for (auto it = events.begin(); it != events.end(); ++it) {
        if (std::abs(*it - change) <= 60 &&
            (best == events.end() || std::abs(*it - change) < std::abs(*best - change))) {
          best = it;
        }
      }
      if (best != events.end()) {
        ++found;
        events.erase(best);
      }
    }
    spurious += static_cast<int>(events.size());
  }
  ASSERT_EQ(total, 300);
  const double recovered = static_cast<double>(found) / total;
  std::printf("temporal-em recovered %d of %d changes within 60 days (%.1f%%), %d spurious\n",
              found, total, 100 * recovered, spurious);
  EXPECT_GE(recovered, 0.7);
}

}  // namespace
}  // namespace credence

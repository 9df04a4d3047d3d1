// The news regime of the generator: determinism, and an answer key that agrees with the claims
// document as parsed back (groups per side counted from the claims' content sources and dates,
// since/until dates, truth when made recomputed from the timeline), the one-coin rate of the
// originals, and the change rate recomputed from the key.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "credence/input.h"
#include "credence/news_synth.h"
#include "credence/value.h"

namespace credence {
namespace {

using Json = nlohmann::json;

std::int32_t Day(const std::string& iso) {
  std::string error;
  return ParseIsoDate(iso, &error)->FirstDay();
}

NewsSynthOptions SmallNewsOptions() {
  NewsSynthOptions options;
  options.seed = 5;
  options.propositions = 300;
  options.independent_sides = true;  // both counts read back separately
  options.relay_fraction = 0.5;
  options.stale_fraction = 0.5;
  options.error_fraction = 0.5;
  options.until_fraction = 0.3;
  return options;
}

TEST(NewsSynth, SameSeedGivesIdenticalBytesOtherSeedDiffers) {
  const NewsSynthOptions options = SmallNewsOptions();
  const NewsSynthDataset a = GenerateNewsSynth(options);
  const NewsSynthDataset b = GenerateNewsSynth(options);
  EXPECT_EQ(NewsSynthClaimsJson(a), NewsSynthClaimsJson(b));
  EXPECT_EQ(NewsSynthTruthJson(a), NewsSynthTruthJson(b));

  NewsSynthOptions other = options;
  other.seed = 6;
  const NewsSynthDataset c = GenerateNewsSynth(other);
  EXPECT_NE(NewsSynthClaimsJson(a), NewsSynthClaimsJson(c));
  EXPECT_NE(NewsSynthTruthJson(a), NewsSynthTruthJson(c));
}

TEST(NewsSynth, WrittenFilesEqualTheRenderedTexts) {
  const NewsSynthDataset data = GenerateNewsSynth(SmallNewsOptions());
  const std::string prefix = testing::TempDir() + "news_synth_files";
  WriteNewsSynthFiles(data, prefix);
  EXPECT_EQ(ReadInputBytes(prefix + ".claims.json", 1U << 30), NewsSynthClaimsJson(data));
  EXPECT_EQ(ReadInputBytes(prefix + ".truth.json", 1U << 30), NewsSynthTruthJson(data));
  EXPECT_EQ(ReadClaimsDocument(prefix + ".claims.json").NumClaims(), data.claims.size());
}

// Everything the key says about a proposition's layout, checked against the claims document as
// read back, without using the generator's structs.
TEST(NewsSynth, TruthAgreesWithTheClaimsAndCountsGroupsPerSide) {
  const NewsSynthDataset data = GenerateNewsSynth(SmallNewsOptions());
  const Json claims_doc = Json::parse(NewsSynthClaimsJson(data));
  const Json truth = Json::parse(NewsSynthTruthJson(data));
  ASSERT_EQ(truth["claims"].size(), claims_doc["articles"].size());

  std::map<std::string, Json> propositions;
  for (const Json& p : truth["propositions"]) propositions[p["subject"]] = p;
  ASSERT_EQ(propositions.size(), 300U);

  struct Seen {
    std::set<std::string> old_sources, new_sources;  // content sources of group claims
    int old_originals = 0, new_originals = 0;
    int since_claims = 0, until_claims = 0, stale = 0, error = 0;
  };
  std::map<std::string, Seen> seen;
  int relays = 0;
  for (std::size_t c = 0; c < truth["claims"].size(); ++c) {
    const Json& key = truth["claims"][c];
    const Json& article = claims_doc["articles"][c];
    ASSERT_EQ(article["claims"].size(), 1U);
    const Json& claim = article["claims"][0];
    ASSERT_EQ(claim["id"], key["id"]);
    ASSERT_EQ(claim["subject"], key["subject"]);
    const Json& p = propositions.at(claim["subject"]);
    EXPECT_EQ(claim["predicate"], p["predicate"]);
    const std::int32_t day = Day(claim["as_of"]);
    const std::int32_t last_old = Day(p["window"][0]);
    const std::int32_t first_new = Day(p["window"][1]);
    const bool changes = !p["change"].is_null();
    const std::int32_t change = changes ? Day(p["change"]) : 0;

    // True when made, recomputed from the timeline.
    const Json& value_then = changes && day >= change ? p["new_value"] : p["old_value"];
    EXPECT_EQ(key["true_when_made"].get<bool>(), claim["value"] == value_then) << claim["id"];

    Seen& s = seen[claim["subject"]];
    const std::string role = key["role"];
    if (role == "stale") {
      ++s.stale;
      EXPECT_TRUE(changes);
      EXPECT_GE(day, change);
      EXPECT_EQ(claim["value"], p["old_value"]);
      continue;
    }
    if (role == "error") {
      ++s.error;
      EXPECT_FALSE(key["true_when_made"].get<bool>());
      continue;
    }
    // A group's claims: its original has no via, its relays name the original's outlet.
    const bool relay = claim.contains("via");
    EXPECT_EQ(relay, role == "relay");
    relays += relay ? 1 : 0;
    const std::string content = relay ? claim["via"].back() : article["outlet"];
    const bool old_side = day <= last_old;
    EXPECT_TRUE(old_side || day >= first_new) << claim["id"] << " in the gap";
    EXPECT_EQ(key["side"], old_side ? "old" : "new");
    if (changes) {
      EXPECT_EQ(old_side, day < change) << claim["id"];
    }
    (old_side ? s.old_sources : s.new_sources).insert(content);
    if (!relay) ++(old_side ? s.old_originals : s.new_originals);
    if (claim.contains("since")) {
      ++s.since_claims;
      EXPECT_FALSE(old_side);
      const std::string since = claim["since"];
      const std::string change_text = p["change"];
      EXPECT_TRUE(since == change_text || since == change_text.substr(0, 7)) << since;
      EXPECT_LE(Day(since), day);
    }
    if (claim.contains("until")) {
      ++s.until_claims;
      EXPECT_TRUE(old_side);
      EXPECT_EQ(claim["until"], p["change"]);
      EXPECT_LT(day, Day(claim["until"]));
    }
  }
  EXPECT_GT(relays, 100);

  int dated = 0;
  int with_until = 0;
  for (const auto& [subject, p] : propositions) {
    const Seen& s = seen[subject];
    const int old_groups = p["old_groups"];
    const int new_groups = p["new_groups"];
    EXPECT_GE(old_groups, 1);
    EXPECT_LE(old_groups, 3);
    EXPECT_EQ(static_cast<int>(s.old_sources.size()), old_groups) << subject;
    EXPECT_EQ(static_cast<int>(s.new_sources.size()), new_groups) << subject;
    EXPECT_EQ(s.old_originals, old_groups) << subject;
    EXPECT_EQ(s.new_originals, new_groups) << subject;
    EXPECT_EQ(s.stale, p["stale"].get<bool>() ? 1 : 0);
    EXPECT_EQ(s.error, p["error"].get<bool>() ? 1 : 0);
    EXPECT_EQ(s.since_claims > 0, p["since"].get<bool>()) << subject;
    EXPECT_EQ(s.until_claims > 0, p["until"].get<bool>()) << subject;
    dated += p["since"].get<bool>() ? 1 : 0;
    with_until += p["until"].get<bool>() ? 1 : 0;

    // The gap and its bucket; the change lies in the window.
    const std::int32_t last_old = Day(p["window"][0]);
    const std::int32_t first_new = Day(p["window"][1]);
    EXPECT_EQ(first_new - last_old, p["gap_days"].get<int>());
    const std::map<std::string, std::pair<int, int>> buckets = {
        {"<1 month", {14, 30}}, {"1-6 months", {31, 182}}, {"6-18 months", {183, 548}}};
    const auto [low, high] = buckets.at(p["gap_bucket"]);
    EXPECT_GE(p["gap_days"].get<int>(), low);
    EXPECT_LE(p["gap_days"].get<int>(), high);
    if (!p["change"].is_null()) {
      EXPECT_GT(Day(p["change"]), last_old);
      EXPECT_LE(Day(p["change"]), first_new);
      EXPECT_NE(p["old_value"], p["new_value"]);
    }
  }
  // 80% of 300 change, half of them dated; until on 30% of the changing ones.
  EXPECT_GT(dated, 90);
  EXPECT_LT(dated, 150);
  EXPECT_GT(with_until, 45);
}

TEST(NewsSynth, PredicatesLeaveMutableOutUnlessAsked) {
  NewsSynthOptions options = SmallNewsOptions();
  const Json plain = Json::parse(NewsSynthClaimsJson(GenerateNewsSynth(options)));
  ASSERT_EQ(plain["predicates"].size(), 3U);  // news_boolean, news_category3, news_category4
  for (const Json& predicate : plain["predicates"]) {
    EXPECT_FALSE(predicate.contains("mutable")) << predicate.dump();
    EXPECT_FALSE(predicate.contains("change_rate")) << predicate.dump();
  }
  EXPECT_EQ(plain["predicates"][2]["values"], Json({"v0", "v1", "v2", "v3"}));
  options.declare_mutable = true;
  const Json declared = Json::parse(NewsSynthClaimsJson(GenerateNewsSynth(options)));
  for (const Json& predicate : declared["predicates"]) EXPECT_EQ(predicate["mutable"], true);
}

// The originals follow the one-coin model: each states the value of its date with its source's
// reliability. Pooled over sources the share is the mean reliability of the originals' sources.
TEST(NewsSynth, OriginalsAreRightWithTheirSourcesReliability) {
  NewsSynthOptions options;
  options.seed = 9;
  options.propositions = 4000;
  const NewsSynthDataset data = GenerateNewsSynth(options);
  double expected = 0;
  double variance = 0;
  int right = 0;
  int originals = 0;
  for (const NewsSynthClaim& claim : data.claims) {
    if (claim.role != NewsClaimRole::kOriginal) continue;
    const double a = data.sources[claim.source].reliability;
    expected += a;
    variance += a * (1 - a);
    right += claim.true_when_made ? 1 : 0;
    ++originals;
  }
  ASSERT_GT(originals, 10000);
  EXPECT_NEAR(right, expected, 4 * std::sqrt(variance));
  for (const SynthSource& source : data.sources) {
    EXPECT_GE(source.reliability, 0.55);
    EXPECT_LT(source.reliability, 0.95);
  }
}

TEST(NewsSynth, ChangeRateIsChangesPerYearOfReportedSpan) {
  const NewsSynthDataset data = GenerateNewsSynth(SmallNewsOptions());
  const Json truth = Json::parse(NewsSynthTruthJson(data));
  int changes = 0;
  double span_days = 0;
  for (const Json& p : truth["propositions"]) {
    changes += p["change"].is_null() ? 0 : 1;
    span_days += Day(p["span"][1]) - Day(p["span"][0]);
  }
  EXPECT_GT(changes, 200);
  EXPECT_DOUBLE_EQ(truth["change_rate"].get<double>(), changes / (span_days / 365.2425));
}

TEST(NewsSynth, InvalidOptionsAreRejectedWithTheReason) {
  const auto error_of = [](const NewsSynthOptions& options) {
    std::string error;
    EXPECT_FALSE(options.IsValid(&error));
    return error;
  };
  NewsSynthOptions options;
  options.sources = 10;
  EXPECT_NE(error_of(options).find("sources must be in [20,"), std::string::npos);
  options = NewsSynthOptions();
  options.min_groups = 0;
  EXPECT_NE(error_of(options).find("min-groups"), std::string::npos);
  options = NewsSynthOptions();
  options.max_values = 5;
  EXPECT_NE(error_of(options).find("max-values <= 4"), std::string::npos);
  options = NewsSynthOptions();
  options.since_fraction = 1.5;
  EXPECT_NE(error_of(options).find("since-fraction"), std::string::npos);
  options = NewsSynthOptions();
  options.start_date = "2023-02";
  EXPECT_NE(error_of(options).find("full day"), std::string::npos);
  EXPECT_THROW(GenerateNewsSynth(options), std::invalid_argument);
  EXPECT_TRUE(NewsSynthOptions().IsValid(nullptr));
}

}  // namespace
}  // namespace credence

// The news regime of the synthetic generator (docs/synth.md, "The news regime"). Every random
// draw goes through SynthRng in a fixed order (sources, then each proposition in turn), so the
// output bytes depend only on the seed and the options.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "credence/news_synth.h"
#include "credence/output.h"
#include "credence/value.h"
#include "synth/json_text.h"
#include "synth/synth_rng.h"

namespace credence {
namespace {

using synth::AppendDouble;
using synth::AppendInt;
using synth::AppendQuoted;
using synth::SynthRng;

constexpr double kDaysPerYear = 365.2425;
// Relays per relayed group are uniform in [1, kMaxRelays].
constexpr int kMaxRelays = 2;

// The most distinct outlets one proposition can need: every group relayed twice, plus the stale
// repeat and the plain error.
int SourcesNeeded(const NewsSynthOptions& options) {
  return 2 * options.max_groups * (1 + kMaxRelays) + 2;
}

std::uint16_t OtherValue(SynthRng& rng, std::uint16_t value, std::uint16_t num_values) {
  auto other = static_cast<std::uint16_t>(rng.Below(num_values - 1U));
  if (other >= value) ++other;
  return other;
}

// Distinct outlets for one proposition: a partial Fisher-Yates shuffle restarted per proposition.
class SourcePicker {
 public:
  explicit SourcePicker(std::size_t num_sources) : permutation_(num_sources) {
    std::iota(permutation_.begin(), permutation_.end(), 0U);
  }
  void Restart() { used_ = 0; }
  std::uint32_t Next(SynthRng& rng) {
    const std::size_t pick = used_ + rng.Below(permutation_.size() - used_);
    std::swap(permutation_[used_], permutation_[pick]);
    return permutation_[used_++];
  }

 private:
  std::vector<std::uint32_t> permutation_;
  std::size_t used_ = 0;
};

struct PropositionDraw {
  SynthRng& rng;
  const NewsSynthOptions& options;
  const std::vector<SynthSource>& sources;
  SourcePicker& picker;
  std::uint32_t index;
  NewsSynthProposition& proposition;
  std::vector<NewsSynthClaim>& claims;  // this proposition's claims, appended

  // One group on `side`: the original at `day` from a fresh content source stating `target` with
  // its reliability (else another value), and its relays.
  void AddGroup(NewsSide side, int group, std::int32_t day, std::uint16_t target) {
    NewsSynthClaim original;
    original.proposition = index;
    original.source = picker.Next(rng);
    original.day = day;
    original.side = side;
    original.group = group;
    const double reliability = sources[original.source].reliability;
    original.value =
        rng.Bernoulli(reliability) ? target : OtherValue(rng, target, proposition.num_values);
    claims.push_back(original);
    if (!rng.Bernoulli(options.relay_fraction)) return;
    const auto relays = static_cast<int>(rng.Between(1, kMaxRelays));
    for (int r = 0; r < relays; ++r) {
      NewsSynthClaim relay = original;
      relay.role = NewsClaimRole::kRelay;
      relay.source = picker.Next(rng);
      relay.via = static_cast<std::int32_t>(original.source);
      relay.day = day + static_cast<std::int32_t>(rng.Between(0, options.relay_max_shift));
      claims.push_back(relay);
    }
  }

  // Days of a side's originals: the first at `first`, the others within side_days, in order.
  std::vector<std::int32_t> SideDays(std::int32_t first, int groups) {
    std::vector<std::int32_t> days{first};
    for (int g = 1; g < groups; ++g) {
      days.push_back(first + static_cast<std::int32_t>(rng.Between(0, options.side_days)));
    }
    std::sort(days.begin(), days.end());
    return days;
  }

  NewsSide SideOf(std::int32_t day) const {
    if (day <= proposition.last_old) return NewsSide::kOld;
    return day >= proposition.first_new ? NewsSide::kNew : NewsSide::kGap;
  }

  void Run(std::int32_t first_day) {
    NewsSynthProposition& p = proposition;
    p.is_boolean = rng.Bernoulli(options.boolean_fraction);
    p.num_values =
        p.is_boolean
            ? 2
            : static_cast<std::uint16_t>(rng.Between(options.min_values, options.max_values));
    p.old_value = static_cast<std::uint16_t>(rng.Below(p.num_values));
    p.changes = !rng.Bernoulli(options.static_fraction);
    p.new_value = p.changes ? OtherValue(rng, p.old_value, p.num_values) : p.old_value;
    p.old_groups = static_cast<int>(rng.Between(options.min_groups, options.max_groups));
    p.new_groups = options.independent_sides
                       ? static_cast<int>(rng.Between(options.min_groups, options.max_groups))
                       : p.old_groups;
    p.gap_bucket = static_cast<int>(rng.Below(kNewsGapBuckets));
    p.gap_days =
        static_cast<int>(rng.Between(kNewsGapLow[p.gap_bucket], kNewsGapHigh[p.gap_bucket]));
    p.dated = p.changes && rng.Bernoulli(options.since_fraction);
    p.has_until = p.changes && rng.Bernoulli(options.until_fraction);
    p.has_stale = p.changes && rng.Bernoulli(options.stale_fraction);
    p.has_error = rng.Bernoulli(options.error_fraction);
    picker.Restart();

    // The old side, then the gap and the change day inside it, then the new side.
    const std::int32_t start =
        first_day +
        static_cast<std::int32_t>(rng.Below(static_cast<std::uint64_t>(options.start_days)));
    const std::vector<std::int32_t> old_days = SideDays(start, p.old_groups);
    for (int g = 0; g < p.old_groups; ++g) {
      AddGroup(NewsSide::kOld, g, old_days[static_cast<std::size_t>(g)], p.old_value);
    }
    p.last_old = start;
    for (const NewsSynthClaim& claim : claims) p.last_old = std::max(p.last_old, claim.day);
    p.first_new = p.last_old + p.gap_days;
    p.change_day =
        p.changes ? static_cast<std::int32_t>(rng.Between(p.last_old + 1, p.first_new)) : 0;
    const std::size_t old_claims = claims.size();
    const std::vector<std::int32_t> new_days = SideDays(p.first_new, p.new_groups);
    for (int g = 0; g < p.new_groups; ++g) {
      const std::size_t first_of_group = claims.size();
      AddGroup(NewsSide::kNew, p.old_groups + g, new_days[static_cast<std::size_t>(g)],
               p.new_value);
      if (!p.dated || (g > 0 && !rng.Bernoulli(options.since_share))) continue;
      const bool month = rng.Bernoulli(options.since_month_fraction);
      for (std::size_t c = first_of_group; c < claims.size(); ++c) {
        claims[c].since_day = p.change_day;
        claims[c].since_month = month;
      }
    }
    if (p.has_until) {
      // The last old-side group (its original is the latest old-side original) and its relays.
      const int last_group = p.old_groups - 1;
      for (std::size_t c = 0; c < old_claims; ++c) {
        if (claims[c].group == last_group) claims[c].until_day = p.change_day;
      }
    }
    std::int32_t last_group_day = p.first_new;
    for (const NewsSynthClaim& claim : claims) last_group_day = std::max(last_group_day, claim.day);

    if (p.has_stale) {
      NewsSynthClaim stale;
      stale.proposition = index;
      stale.source = picker.Next(rng);
      stale.role = NewsClaimRole::kStale;
      stale.day = static_cast<std::int32_t>(rng.Between(p.change_day, last_group_day));
      stale.value = p.old_value;
      claims.push_back(stale);
    }
    if (p.has_error) {
      NewsSynthClaim error;
      error.proposition = index;
      error.source = picker.Next(rng);
      error.role = NewsClaimRole::kError;
      error.day = static_cast<std::int32_t>(rng.Between(start, last_group_day));
      error.value = OtherValue(rng, p.ValueAt(error.day), p.num_values);
      claims.push_back(error);
    }

    std::stable_sort(
        claims.begin(), claims.end(),
        [](const NewsSynthClaim& a, const NewsSynthClaim& b) { return a.day < b.day; });
    p.first_claim = claims.front().day;
    p.last_claim = claims.back().day;
    for (NewsSynthClaim& claim : claims) {
      if (claim.role == NewsClaimRole::kStale || claim.role == NewsClaimRole::kError) {
        claim.side = SideOf(claim.day);
      }
      claim.true_when_made = claim.value == p.ValueAt(claim.day);
    }
  }
};

std::string PredicateId(const NewsSynthProposition& proposition) {
  if (proposition.is_boolean) return "news_boolean";
  return "news_category" + std::to_string(proposition.num_values);
}

void AppendValue(std::string& out, const NewsSynthProposition& proposition, std::uint16_t value) {
  if (proposition.is_boolean) {
    out += value == 0 ? "false" : "true";
  } else {
    AppendQuoted(out, "v" + std::to_string(value));
  }
}

std::string ClaimId(std::size_t claim) { return "c" + std::to_string(claim + 1); }

const char* RoleName(NewsClaimRole role) {
  switch (role) {
    case NewsClaimRole::kOriginal:
      return "original";
    case NewsClaimRole::kRelay:
      return "relay";
    case NewsClaimRole::kStale:
      return "stale";
    case NewsClaimRole::kError:
      return "error";
  }
  return "";
}

const char* SideName(NewsSide side) {
  switch (side) {
    case NewsSide::kOld:
      return "old";
    case NewsSide::kGap:
      return "gap";
    case NewsSide::kNew:
      return "new";
  }
  return "";
}

}  // namespace

const char* NewsGapBucketName(int bucket) {
  static constexpr const char* kNames[kNewsGapBuckets] = {"<1 month", "1-6 months", "6-18 months"};
  return bucket >= 0 && bucket < kNewsGapBuckets ? kNames[bucket] : "";
}

bool NewsSynthOptions::IsValid(std::string* error) const {
  const auto fail = [error](const std::string& message) {
    if (error != nullptr) *error = message;
    return false;
  };
  const auto is_fraction = [](double x) { return x >= 0.0 && x <= 1.0; };
  const auto is_reliability = [](double x) { return x > 0.0 && x < 1.0; };
  if (propositions < 1 || propositions > std::numeric_limits<std::uint32_t>::max() / 64) {
    return fail("propositions must be in [1, 67108863]");
  }
  if (!is_reliability(min_reliability) || !is_reliability(max_reliability) ||
      min_reliability > max_reliability) {
    return fail("reliabilities must satisfy 0 < min-reliability <= max-reliability < 1");
  }
  if (!is_fraction(boolean_fraction)) return fail("boolean-fraction must be in [0, 1]");
  if (min_values < 2 || min_values > max_values || max_values > 4) {
    return fail("category values must satisfy 2 <= min-values <= max-values <= 4");
  }
  if (!is_fraction(static_fraction)) return fail("static-fraction must be in [0, 1]");
  if (min_groups < 1 || min_groups > max_groups || max_groups > 10) {
    return fail("groups per side must satisfy 1 <= min-groups <= max-groups <= 10");
  }
  if (sources < SourcesNeeded(*this) || sources > 1000000) {
    return fail("sources must be in [" + std::to_string(SourcesNeeded(*this)) +
                ", 1000000]: a proposition can need " + std::to_string(SourcesNeeded(*this)) +
                " distinct outlets with max-groups " + std::to_string(max_groups));
  }
  if (side_days < 0 || side_days > 3650) return fail("side-days must be in [0, 3650]");
  if (!is_fraction(relay_fraction)) return fail("relay-fraction must be in [0, 1]");
  if (relay_max_shift < 0 || relay_max_shift > 30) {
    return fail("relay-max-shift must be in [0, 30]");
  }
  if (!is_fraction(stale_fraction)) return fail("stale-fraction must be in [0, 1]");
  if (!is_fraction(error_fraction)) return fail("error-fraction must be in [0, 1]");
  if (!is_fraction(since_fraction)) return fail("since-fraction must be in [0, 1]");
  if (!is_fraction(since_share)) return fail("since-share must be in [0, 1]");
  if (!is_fraction(since_month_fraction)) return fail("since-month-fraction must be in [0, 1]");
  if (!is_fraction(until_fraction)) return fail("until-fraction must be in [0, 1]");
  std::string date_error;
  const std::optional<Date> start = ParseIsoDate(start_date, &date_error);
  if (!start.has_value()) return fail("start-date: " + date_error);
  if (start->granularity != DateGranularity::kDay) return fail("start-date must be a full day");
  if (start_days < 1 || start_days > 365 * 50) return fail("start-days must be in [1, 18250]");
  // The latest claim must stay a valid date (years up to 2200 are read back).
  const std::int32_t latest = start->FirstDay() + start_days + 2 * side_days + 2 * relay_max_shift +
                              kNewsGapHigh[kNewsGapBuckets - 1];
  if (latest > DaysFromCivil(2200, 12, 31)) return fail("the claims would run past 2200");
  return true;
}

std::string NewsSynthSubject(std::size_t proposition) {
  return "prop-" + std::to_string(proposition + 1);
}

NewsSynthDataset GenerateNewsSynth(const NewsSynthOptions& options) {
  std::string error;
  if (!options.IsValid(&error)) throw std::invalid_argument(error);
  NewsSynthDataset data;
  data.options = options;
  const std::int32_t first_day = ParseIsoDate(options.start_date, &error)->FirstDay();
  SynthRng rng(options.seed);
  for (int s = 0; s < options.sources; ++s) {
    SynthSource source;
    source.id = "s" + std::to_string(s + 1);
    source.reliability = options.min_reliability +
                         (options.max_reliability - options.min_reliability) * rng.Uniform01();
    data.sources.push_back(std::move(source));
  }
  SourcePicker picker(data.sources.size());
  const auto count = static_cast<std::size_t>(options.propositions);
  data.propositions.resize(count);
  std::vector<NewsSynthClaim> claims;
  std::int64_t changes = 0;
  std::int64_t exposure_days = 0;
  for (std::size_t i = 0; i < count; ++i) {
    claims.clear();
    PropositionDraw draw{
        rng,   options, data.sources, picker, static_cast<std::uint32_t>(i), data.propositions[i],
        claims};
    draw.Run(first_day);
    data.claims.insert(data.claims.end(), claims.begin(), claims.end());
    const NewsSynthProposition& p = data.propositions[i];
    changes += p.changes ? 1 : 0;
    exposure_days += p.last_claim - p.first_claim;
  }
  data.change_rate =
      static_cast<double>(changes) / (static_cast<double>(exposure_days) / kDaysPerYear);
  return data;
}

std::string NewsSynthClaimsJson(const NewsSynthDataset& data) {
  const NewsSynthOptions& options = data.options;
  std::string out;
  out.reserve(data.claims.size() * 200 + 4096);
  out +=
      "{\n  \"credence\": \"1\",\n  \"extensions\": {\"generator\": {\"name\": \"credence "
      "synth\", \"regime\": \"news\", \"seed\": ";
  AppendInt(out, static_cast<std::int64_t>(options.seed));
  out += "}},\n  \"outlets\": [\n";
  synth::AppendSyntheticOutlets(out, data.sources);
  // Every predicate the options allow, declared whether or not a proposition uses it, so the
  // header does not depend on the draws.
  const char* mutable_key = options.declare_mutable ? ", \"mutable\": true" : "";
  out += "  ],\n  \"predicates\": [\n";
  out += "    {\"id\": \"news_boolean\", \"value_kind\": \"boolean\"";
  out += mutable_key;
  out += "}";
  for (int k = options.min_values; k <= options.max_values; ++k) {
    out +=
        ",\n    {\"id\": \"news_category" + std::to_string(k) + "\", \"value_kind\": \"category\"";
    out += mutable_key;
    out += ", \"values\": [";
    for (int v = 0; v < k; ++v) {
      if (v > 0) out += ", ";
      AppendQuoted(out, "v" + std::to_string(v));
    }
    out += "]}";
  }
  out += "\n  ],\n  \"articles\": [\n";
  for (std::size_t c = 0; c < data.claims.size(); ++c) {
    const NewsSynthClaim& claim = data.claims[c];
    const NewsSynthProposition& p = data.propositions[claim.proposition];
    const std::string date = FormatIsoDay(claim.day);
    out += "    {\"id\": \"a" + std::to_string(c + 1) + "\", \"outlet\": ";
    AppendQuoted(out, data.sources[claim.source].id);
    out += ", \"published\": ";
    AppendQuoted(out, date);
    out += ", \"claims\": [{\"id\": ";
    AppendQuoted(out, ClaimId(c));
    out += ", \"subject\": ";
    AppendQuoted(out, NewsSynthSubject(claim.proposition));
    out += ", \"predicate\": ";
    AppendQuoted(out, PredicateId(p));
    out += ", \"value\": ";
    AppendValue(out, p, claim.value);
    out += ", \"as_of\": ";
    AppendQuoted(out, date);
    if (claim.via >= 0) {
      out += ", \"via\": [";
      AppendQuoted(out, data.sources[static_cast<std::size_t>(claim.via)].id);
      out += "]";
    }
    if (claim.since_day != kNoNewsDay) {
      const std::string since = FormatIsoDay(claim.since_day);
      out += ", \"since\": ";
      AppendQuoted(out, claim.since_month ? since.substr(0, 7) : since);
    }
    if (claim.until_day != kNoNewsDay) {
      out += ", \"until\": ";
      AppendQuoted(out, FormatIsoDay(claim.until_day));
    }
    out += "}]}";
    out += c + 1 < data.claims.size() ? ",\n" : "\n";
  }
  out += "  ]\n}\n";
  return out;
}

std::string NewsSynthTruthJson(const NewsSynthDataset& data) {
  const NewsSynthOptions& o = data.options;
  std::string out = "{\n  \"credence_synth\": \"1\",\n  \"regime\": \"news\",\n  \"options\": {";
  const auto number = [&out](const char* key, double value, bool first = false) {
    out += first ? "\"" : ", \"";
    out += key;
    out += "\": ";
    AppendDouble(out, value);
  };
  const auto integer = [&out](const char* key, std::int64_t value) {
    out += ", \"";
    out += key;
    out += "\": ";
    AppendInt(out, value);
  };
  out += "\"seed\": ";
  AppendInt(out, static_cast<std::int64_t>(o.seed));
  integer("propositions", o.propositions);
  integer("sources", o.sources);
  number("min_reliability", o.min_reliability);
  number("max_reliability", o.max_reliability);
  number("boolean_fraction", o.boolean_fraction);
  integer("min_values", o.min_values);
  integer("max_values", o.max_values);
  number("static_fraction", o.static_fraction);
  integer("min_groups", o.min_groups);
  integer("max_groups", o.max_groups);
  out += o.independent_sides ? ", \"independent_sides\": true" : ", \"independent_sides\": false";
  integer("side_days", o.side_days);
  number("relay_fraction", o.relay_fraction);
  integer("relay_max_shift", o.relay_max_shift);
  number("stale_fraction", o.stale_fraction);
  number("error_fraction", o.error_fraction);
  number("since_fraction", o.since_fraction);
  number("since_share", o.since_share);
  number("since_month_fraction", o.since_month_fraction);
  number("until_fraction", o.until_fraction);
  out += ", \"start_date\": ";
  AppendQuoted(out, o.start_date);
  integer("start_days", o.start_days);
  out += o.declare_mutable ? ", \"declare_mutable\": true" : ", \"declare_mutable\": false";
  out += "},\n  \"change_rate\": ";
  AppendDouble(out, data.change_rate);
  out += ",\n  \"gap_buckets\": [";
  for (int b = 0; b < kNewsGapBuckets; ++b) {
    out += b > 0 ? ", {\"name\": " : "{\"name\": ";
    AppendQuoted(out, NewsGapBucketName(b));
    out += ", \"days\": [";
    AppendInt(out, kNewsGapLow[b]);
    out += ", ";
    AppendInt(out, kNewsGapHigh[b]);
    out += "]}";
  }
  out += "],\n  \"sources\": [\n";
  for (std::size_t s = 0; s < data.sources.size(); ++s) {
    out += "    {\"id\": ";
    AppendQuoted(out, data.sources[s].id);
    out += ", \"reliability\": ";
    AppendDouble(out, data.sources[s].reliability);
    out += s + 1 < data.sources.size() ? "},\n" : "}\n";
  }
  out += "  ],\n  \"propositions\": [\n";
  for (std::size_t i = 0; i < data.propositions.size(); ++i) {
    const NewsSynthProposition& p = data.propositions[i];
    out += "    {\"subject\": ";
    AppendQuoted(out, NewsSynthSubject(i));
    out += ", \"predicate\": ";
    AppendQuoted(out, PredicateId(p));
    out += ", \"num_values\": ";
    AppendInt(out, p.num_values);
    out += ", \"old_value\": ";
    AppendValue(out, p, p.old_value);
    out += ", \"new_value\": ";
    if (p.changes) {
      AppendValue(out, p, p.new_value);
    } else {
      out += "null";
    }
    out += ", \"change\": ";
    if (p.changes) {
      AppendQuoted(out, FormatIsoDay(p.change_day));
    } else {
      out += "null";
    }
    out += ", \"old_groups\": ";
    AppendInt(out, p.old_groups);
    out += ", \"new_groups\": ";
    AppendInt(out, p.new_groups);
    out += ", \"gap_bucket\": ";
    AppendQuoted(out, NewsGapBucketName(p.gap_bucket));
    out += ", \"gap_days\": ";
    AppendInt(out, p.gap_days);
    out += p.dated ? ", \"since\": true" : ", \"since\": false";
    out += p.has_until ? ", \"until\": true" : ", \"until\": false";
    out += p.has_stale ? ", \"stale\": true" : ", \"stale\": false";
    out += p.has_error ? ", \"error\": true" : ", \"error\": false";
    out += ", \"window\": [";
    AppendQuoted(out, FormatIsoDay(p.last_old));
    out += ", ";
    AppendQuoted(out, FormatIsoDay(p.first_new));
    out += "], \"span\": [";
    AppendQuoted(out, FormatIsoDay(p.first_claim));
    out += ", ";
    AppendQuoted(out, FormatIsoDay(p.last_claim));
    out += "]}";
    out += i + 1 < data.propositions.size() ? ",\n" : "\n";
  }
  out += "  ],\n  \"claims\": [\n";
  for (std::size_t c = 0; c < data.claims.size(); ++c) {
    const NewsSynthClaim& claim = data.claims[c];
    out += "    {\"id\": ";
    AppendQuoted(out, ClaimId(c));
    out += ", \"subject\": ";
    AppendQuoted(out, NewsSynthSubject(claim.proposition));
    out += ", \"role\": ";
    AppendQuoted(out, RoleName(claim.role));
    out += ", \"side\": ";
    AppendQuoted(out, SideName(claim.side));
    out += ", \"group\": ";
    if (claim.group >= 0) {
      AppendInt(out, claim.group);
    } else {
      out += "null";
    }
    out += claim.true_when_made ? ", \"true_when_made\": true}" : ", \"true_when_made\": false}";
    out += c + 1 < data.claims.size() ? ",\n" : "\n";
  }
  out += "  ]\n}\n";
  return out;
}

void WriteNewsSynthFiles(const NewsSynthDataset& data, const std::string& prefix) {
  WriteFileAtomically(prefix + ".claims.json", NewsSynthClaimsJson(data));
  WriteFileAtomically(prefix + ".truth.json", NewsSynthTruthJson(data));
}

}  // namespace credence

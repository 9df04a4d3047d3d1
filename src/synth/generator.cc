// The synthetic data generator. Every random draw goes through SynthRng so that the stream of
// draws, and hence every output byte, depends only on the seed and the options.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "credence/output.h"
#include "credence/synth.h"
#include "credence/value.h"
#include "synth/json_text.h"
#include "synth/synth_rng.h"

namespace credence {
namespace {

using synth::AppendDouble;
using synth::AppendInt;
using synth::AppendQuoted;
using synth::SynthRng;

std::uint16_t OtherValue(SynthRng& rng, std::uint16_t value, std::uint16_t num_values) {
  auto other = static_cast<std::uint16_t>(rng.Below(num_values - 1U));
  if (other >= value) ++other;
  return other;
}

std::int64_t NumItems(const SynthOptions& options) {
  if (options.claims > 0) {
    return (options.claims + options.answers_per_item - 1) / options.answers_per_item;
  }
  return options.items;
}

int NumSources(const SynthOptions& options) {
  return options.reliabilities.empty() ? options.sources
                                       : static_cast<int>(options.reliabilities.size());
}

// Consecutive changes fall on different days at least.
int ChangeGap(const SynthOptions& options) { return std::max(1, options.min_change_gap); }

// Change days stay this far from the window's edges so both sides of a change can be reported.
int ChangeEdge(const SynthOptions& options) { return std::max(1, options.min_change_gap); }

// The largest number of changes that fit in the window with the required gaps.
int MaxChanges(const SynthOptions& options) {
  const int span = options.days - 2 * ChangeEdge(options);
  if (span < 1) return 0;
  return 1 + (span - 1) / ChangeGap(options);
}

// Sorted uniform days with consecutive gaps >= gap: draw in a span shortened by the gaps, sort,
// then spread by i * gap (a bijection between the two sets of configurations).
std::vector<std::int32_t> DrawChangeDays(SynthRng& rng, const SynthOptions& options,
                                         std::int32_t first_day, int count) {
  const int edge = ChangeEdge(options);
  const int span = options.days - 2 * edge - (count - 1) * ChangeGap(options);
  std::vector<std::int32_t> days(static_cast<std::size_t>(count));
  for (std::int32_t& day : days) day = static_cast<std::int32_t>(rng.Below(span));
  std::sort(days.begin(), days.end());
  for (std::size_t i = 0; i < days.size(); ++i) {
    days[i] += first_day + edge + static_cast<std::int32_t>(i) * ChangeGap(options);
  }
  return days;
}

SynthItem DrawItem(SynthRng& rng, const SynthOptions& options, std::int32_t first_day) {
  SynthItem item;
  item.num_values = static_cast<std::uint16_t>(rng.Between(options.min_values, options.max_values));
  item.is_mutable = rng.Bernoulli(options.mutable_fraction);
  item.values.push_back(static_cast<std::uint16_t>(rng.Below(item.num_values)));
  if (!item.is_mutable) return item;
  int count = options.changes_per_item >= 0
                  ? options.changes_per_item
                  : rng.Poisson(options.change_rate * options.days / 365.0);
  count = std::min(count, MaxChanges(options));
  item.change_days = DrawChangeDays(rng, options, first_day, count);
  for (int i = 0; i < count; ++i) {
    item.values.push_back(OtherValue(rng, item.values.back(), item.num_values));
  }
  return item;
}

// Appends one item's claims: originals first drawn from the one-coin model, relays copying one
// of the originals made before them.
void DrawClaims(SynthRng& rng, const SynthDataset& data, std::uint32_t item_index,
                std::vector<std::uint32_t>& permutation, std::vector<SynthClaim>& claims) {
  const SynthOptions& options = data.options;
  const SynthItem& item = data.items[item_index];
  const auto answers = static_cast<std::size_t>(options.answers_per_item);
  // Slot 0 is always an original, so later slots relay with a raised probability that keeps
  // the expected fraction of relays at relay_fraction.
  const double relay_probability =
      answers < 2 ? 0.0
                  : std::min(1.0, options.relay_fraction * static_cast<double>(answers) /
                                      static_cast<double>(answers - 1));
  std::vector<std::uint32_t> originals;
  const std::int32_t last_day = data.first_day + options.days - 1;
  for (std::size_t slot = 0; slot < answers; ++slot) {
    // Partial Fisher-Yates: distinct sources, uniform over subsets.
    const std::size_t pick = slot + rng.Below(permutation.size() - slot);
    std::swap(permutation[slot], permutation[pick]);
    SynthClaim claim;
    claim.item = item_index;
    claim.source = permutation[slot];
    const SynthSource& source = data.sources[claim.source];
    if (slot > 0 && rng.Bernoulli(relay_probability)) {
      const std::uint32_t upstream = originals[rng.Below(originals.size())];
      const SynthClaim& copied = claims[upstream];
      claim.relay = true;
      claim.upstream = upstream;
      claim.value = copied.value;
      claim.day = std::clamp(copied.day + static_cast<std::int32_t>(rng.Between(
                                              -options.relay_max_shift, options.relay_max_shift)),
                             data.first_day, last_day);
      claim.relay_has_via = rng.Bernoulli(options.relay_with_via);
    } else {
      claim.day = data.first_day + static_cast<std::int32_t>(rng.Below(options.days));
      const std::uint16_t target =
          source.stale && item.is_mutable ? item.values.front() : item.ValueAt(claim.day);
      claim.headline = rng.Bernoulli(options.headline_fraction);
      const double wrong =
          claim.headline ? std::min(1.0, options.headline_error_factor * (1.0 - source.reliability))
                         : 1.0 - source.reliability;
      claim.value = rng.Bernoulli(wrong) ? OtherValue(rng, target, item.num_values) : target;
      originals.push_back(static_cast<std::uint32_t>(claims.size()));
    }
    claims.push_back(claim);
  }
}

// ISO dates of every day of the window, formatted once.
std::vector<std::string> WindowDates(const SynthDataset& data) {
  std::vector<std::string> dates;
  dates.reserve(static_cast<std::size_t>(data.options.days));
  for (int d = 0; d < data.options.days; ++d) dates.push_back(FormatIsoDay(data.first_day + d));
  return dates;
}

const char* PredicateOf(const SynthItem& item) {
  return item.is_mutable ? "synth_mutable" : "synth_static";
}

// The expected number of changes a year of a mutable item, as the predicate's prior.
double EffectiveChangeRate(const SynthOptions& options) {
  if (options.changes_per_item >= 0) {
    return options.changes_per_item * 365.0 / options.days;
  }
  return options.change_rate;
}

std::string ClaimId(std::size_t claim) { return "c" + std::to_string(claim + 1); }

}  // namespace

bool SynthOptions::IsValid(std::string* error) const {
  const auto fail = [error](const std::string& message) {
    if (error != nullptr) *error = message;
    return false;
  };
  const auto is_fraction = [](double x) { return x >= 0.0 && x <= 1.0; };
  const auto is_reliability = [](double x) { return x > 0.0 && x < 1.0; };
  if (reliabilities.empty()) {
    if (sources < 1) return fail("sources must be at least 1");
    if (!is_reliability(min_reliability) || !is_reliability(max_reliability) ||
        min_reliability > max_reliability) {
      return fail("reliabilities must satisfy 0 < min-reliability <= max-reliability < 1");
    }
  }
  for (double r : reliabilities) {
    if (!is_reliability(r)) return fail("every reliability must be in (0, 1)");
  }
  if (answers_per_item < 1) return fail("answers-per-item must be at least 1");
  if (answers_per_item > NumSources(*this)) {
    return fail("answers-per-item (" + std::to_string(answers_per_item) +
                ") exceeds the number of sources (" + std::to_string(NumSources(*this)) + ")");
  }
  if (claims < 0 || (claims == 0 && items < 1)) return fail("items (or claims) must be positive");
  if (NumItems(*this) > std::numeric_limits<std::uint32_t>::max() / 2 / answers_per_item) {
    return fail("too many claims");
  }
  if (min_values < 2 || min_values > max_values || max_values > 65535) {
    return fail("values per item must satisfy 2 <= min-values <= max-values <= 65535");
  }
  std::string date_error;
  if (!ParseIsoDate(start_date, &date_error).has_value()) {
    return fail("start-date: " + date_error);
  }
  if (days < 1 || days > 365 * 400) return fail("days must be in [1, 146000]");
  if (!is_fraction(mutable_fraction)) return fail("mutable-fraction must be in [0, 1]");
  if (!(change_rate >= 0.0) || change_rate > 1000.0)
    return fail("change-rate must be in [0, 1000]");
  if (min_change_gap < 0) return fail("min-change-gap must be >= 0");
  if (changes_per_item > MaxChanges(*this)) {
    return fail("changes-per-item " + std::to_string(changes_per_item) + " do not fit in " +
                std::to_string(days) + " days with min-change-gap " +
                std::to_string(min_change_gap) + " (at most " + std::to_string(MaxChanges(*this)) +
                ")");
  }
  if (!is_fraction(relay_fraction)) return fail("relay-fraction must be in [0, 1]");
  if (!is_fraction(relay_with_via)) return fail("relay-with-via must be in [0, 1]");
  if (relay_max_shift < 0 || relay_max_shift > days) {
    return fail("relay-max-shift must be in [0, days]");
  }
  if (stale_sources < 0 || stale_sources > NumSources(*this)) {
    return fail("stale-sources must be in [0, number of sources]");
  }
  if (!is_fraction(headline_fraction)) return fail("headline-fraction must be in [0, 1]");
  if (!(headline_error_factor >= 1.0) || headline_error_factor > 1e6) {
    return fail("headline-error-factor must be >= 1");
  }
  return true;
}

std::uint16_t SynthItem::ValueAt(std::int32_t day) const {
  const auto changes_done = static_cast<std::size_t>(
      std::upper_bound(change_days.begin(), change_days.end(), day) - change_days.begin());
  return values[changes_done];
}

std::string SynthItemId(std::size_t item) { return "item-" + std::to_string(item + 1); }
std::string SynthValueText(std::uint16_t value) { return "v" + std::to_string(value); }

SynthDataset GenerateSynth(const SynthOptions& options) {
  std::string error;
  if (!options.IsValid(&error)) throw std::invalid_argument(error);
  SynthDataset data;
  data.options = options;
  data.first_day = ParseIsoDate(options.start_date, &error)->FirstDay();
  SynthRng rng(options.seed);

  const int num_sources = NumSources(options);
  for (int s = 0; s < num_sources; ++s) {
    SynthSource source;
    source.id = "s" + std::to_string(s + 1);
    source.reliability =
        options.reliabilities.empty()
            ? options.min_reliability +
                  (options.max_reliability - options.min_reliability) * rng.Uniform01()
            : options.reliabilities[static_cast<std::size_t>(s)];
    data.sources.push_back(std::move(source));
  }
  std::vector<std::uint32_t> permutation(static_cast<std::size_t>(num_sources));
  std::iota(permutation.begin(), permutation.end(), 0U);
  for (std::size_t k = 0; k < static_cast<std::size_t>(options.stale_sources); ++k) {
    std::swap(permutation[k], permutation[k + rng.Below(permutation.size() - k)]);
    data.sources[permutation[k]].stale = true;
  }

  const auto num_items = static_cast<std::size_t>(NumItems(options));
  data.items.reserve(num_items);
  for (std::size_t i = 0; i < num_items; ++i) {
    data.items.push_back(DrawItem(rng, options, data.first_day));
  }
  data.claims.reserve(num_items * static_cast<std::size_t>(options.answers_per_item));
  for (std::size_t i = 0; i < num_items; ++i) {
    DrawClaims(rng, data, static_cast<std::uint32_t>(i), permutation, data.claims);
  }
  return data;
}

namespace {

// The header of the JSON Lines form: the document's version, generator, outlets and predicates
// on one line.
std::string SynthJsonlHeader(const SynthDataset& data) {
  std::string out =
      "{\"credence\": \"1\", \"extensions\": {\"generator\": {\"name\": \"credence synth\", "
      "\"seed\": ";
  AppendInt(out, static_cast<std::int64_t>(data.options.seed));
  out += "}}, \"outlets\": [";
  for (std::size_t s = 0; s < data.sources.size(); ++s) {
    out += s > 0 ? ", {\"id\": " : "{\"id\": ";
    AppendQuoted(out, data.sources[s].id);
    out += ", \"name\": \"Synthetic source " + std::to_string(s + 1) + "\", \"kind\": \"outlet\"}";
  }
  out += "], \"predicates\": [";
  out += "{\"id\": \"synth_static\", \"value_kind\": \"category\", \"mutable\": false}, ";
  out += "{\"id\": \"synth_mutable\", \"value_kind\": \"category\", \"mutable\": true";
  if (const double rate = EffectiveChangeRate(data.options); rate > 0.0) {
    out += ", \"change_rate\": ";
    AppendDouble(out, rate);
  }
  out += "}]}\n";
  return out;
}

}  // namespace

std::string SynthClaimsJsonl(const SynthDataset& data) {
  const std::vector<std::string> dates = WindowDates(data);
  std::string out = SynthJsonlHeader(data);
  out.reserve(data.claims.size() * 190 + out.size());
  for (std::size_t c = 0; c < data.claims.size(); ++c) {
    const SynthClaim& claim = data.claims[c];
    const std::string& date = dates[static_cast<std::size_t>(claim.day - data.first_day)];
    out += "{\"id\": ";
    AppendQuoted(out, ClaimId(c));
    out += ", \"outlet\": ";
    AppendQuoted(out, data.sources[claim.source].id);
    out += ", \"article\": \"a" + std::to_string(c + 1) + "\", \"published\": ";
    AppendQuoted(out, date);
    out += ", \"subject\": ";
    AppendQuoted(out, SynthItemId(claim.item));
    out += ", \"predicate\": ";
    AppendQuoted(out, PredicateOf(data.items[claim.item]));
    out += ", \"value\": ";
    AppendQuoted(out, SynthValueText(claim.value));
    out += ", \"as_of\": ";
    AppendQuoted(out, date);
    if (claim.relay && claim.relay_has_via) {
      out += ", \"via\": [";
      AppendQuoted(out, data.sources[data.claims[claim.upstream].source].id);
      out += "]";
    }
    if (claim.headline) out += ", \"confidence\": 0.6";
    out += "}\n";
  }
  return out;
}

std::string SynthClaimsJson(const SynthDataset& data) {
  const SynthOptions& options = data.options;
  const std::vector<std::string> dates = WindowDates(data);
  std::string out;
  out.reserve(data.claims.size() * 190 + 4096);
  out +=
      "{\n  \"credence\": \"1\",\n  \"extensions\": {\"generator\": {\"name\": \"credence synth\", "
      "\"seed\": ";
  AppendInt(out, static_cast<std::int64_t>(options.seed));
  out += "}},\n  \"outlets\": [\n";
  synth::AppendSyntheticOutlets(out, data.sources);
  out += "  ],\n  \"predicates\": [\n";
  out += "    {\"id\": \"synth_static\", \"value_kind\": \"category\", \"mutable\": false},\n";
  out += "    {\"id\": \"synth_mutable\", \"value_kind\": \"category\", \"mutable\": true";
  if (const double rate = EffectiveChangeRate(options); rate > 0.0) {
    out += ", \"change_rate\": ";
    AppendDouble(out, rate);
  }
  out += "}\n  ],\n  \"articles\": [\n";
  for (std::size_t c = 0; c < data.claims.size(); ++c) {
    const SynthClaim& claim = data.claims[c];
    const std::string& date = dates[static_cast<std::size_t>(claim.day - data.first_day)];
    out += "    {\"id\": \"a" + std::to_string(c + 1) + "\", \"outlet\": ";
    AppendQuoted(out, data.sources[claim.source].id);
    out += ", \"published\": ";
    AppendQuoted(out, date);
    out += ", \"claims\": [{\"id\": ";
    AppendQuoted(out, ClaimId(c));
    out += ", \"subject\": ";
    AppendQuoted(out, SynthItemId(claim.item));
    out += ", \"predicate\": ";
    AppendQuoted(out, PredicateOf(data.items[claim.item]));
    out += ", \"value\": ";
    AppendQuoted(out, SynthValueText(claim.value));
    out += ", \"as_of\": ";
    AppendQuoted(out, date);
    if (claim.relay && claim.relay_has_via) {
      out += ", \"via\": [";
      AppendQuoted(out, data.sources[data.claims[claim.upstream].source].id);
      out += "]";
    }
    if (claim.headline) out += ", \"confidence\": 0.6";
    out += "}]}";
    out += c + 1 < data.claims.size() ? ",\n" : "\n";
  }
  out += "  ]\n}\n";
  return out;
}

std::string SynthAnswersCsv(const SynthDataset& data) {
  std::string out = "question,worker,answer\n";
  out.reserve(data.claims.size() * 20 + out.size());
  for (const SynthClaim& claim : data.claims) {
    out += SynthItemId(claim.item);
    out += ',';
    out += data.sources[claim.source].id;
    out += ',';
    out += SynthValueText(claim.value);
    out += '\n';
  }
  return out;
}

std::string SynthTruthCsv(const SynthDataset& data) {
  std::string out = "question,truth\n";
  for (std::size_t i = 0; i < data.items.size(); ++i) {
    out += SynthItemId(i);
    out += ',';
    out += SynthValueText(data.items[i].FinalValue());
    out += '\n';
  }
  return out;
}

std::string SynthTruthJson(const SynthDataset& data) {
  const SynthOptions& options = data.options;
  std::string out = "{\n  \"credence_synth\": \"1\",\n  \"options\": {\"seed\": ";
  AppendInt(out, static_cast<std::int64_t>(options.seed));
  out += ", \"sources\": ";
  AppendInt(out, static_cast<std::int64_t>(data.sources.size()));
  out += ", \"items\": ";
  AppendInt(out, static_cast<std::int64_t>(data.items.size()));
  out += ", \"answers_per_item\": ";
  AppendInt(out, options.answers_per_item);
  out += ", \"min_values\": ";
  AppendInt(out, options.min_values);
  out += ", \"max_values\": ";
  AppendInt(out, options.max_values);
  out += ", \"start_date\": ";
  AppendQuoted(out, options.start_date);
  out += ", \"days\": ";
  AppendInt(out, options.days);
  out += ", \"mutable_fraction\": ";
  AppendDouble(out, options.mutable_fraction);
  out += ", \"change_rate\": ";
  AppendDouble(out, options.change_rate);
  out += ", \"changes_per_item\": ";
  AppendInt(out, options.changes_per_item);
  out += ", \"min_change_gap\": ";
  AppendInt(out, options.min_change_gap);
  out += ", \"relay_fraction\": ";
  AppendDouble(out, options.relay_fraction);
  out += ", \"relay_with_via\": ";
  AppendDouble(out, options.relay_with_via);
  out += ", \"relay_max_shift\": ";
  AppendInt(out, options.relay_max_shift);
  out += ", \"stale_sources\": ";
  AppendInt(out, options.stale_sources);
  out += ", \"headline_fraction\": ";
  AppendDouble(out, options.headline_fraction);
  out += ", \"headline_error_factor\": ";
  AppendDouble(out, options.headline_error_factor);
  out += "},\n  \"window\": {\"from\": ";
  AppendQuoted(out, FormatIsoDay(data.first_day));
  out += ", \"until\": ";
  AppendQuoted(out, FormatIsoDay(data.first_day + options.days));
  out += "},\n  \"sources\": [\n";
  for (std::size_t s = 0; s < data.sources.size(); ++s) {
    const SynthSource& source = data.sources[s];
    out += "    {\"id\": ";
    AppendQuoted(out, source.id);
    out += ", \"reliability\": ";
    AppendDouble(out, source.reliability);
    out += source.stale ? ", \"stale\": true}" : ", \"stale\": false}";
    out += s + 1 < data.sources.size() ? ",\n" : "\n";
  }
  out += "  ],\n  \"stale_sources\": [";
  bool first = true;
  for (const SynthSource& source : data.sources) {
    if (!source.stale) continue;
    if (!first) out += ", ";
    first = false;
    AppendQuoted(out, source.id);
  }
  out += "],\n  \"items\": [\n";
  for (std::size_t i = 0; i < data.items.size(); ++i) {
    const SynthItem& item = data.items[i];
    out += "    {\"id\": ";
    AppendQuoted(out, SynthItemId(i));
    out += ", \"predicate\": ";
    AppendQuoted(out, PredicateOf(item));
    out += ", \"num_values\": ";
    AppendInt(out, item.num_values);
    out += ", \"timeline\": [";
    for (std::size_t k = 0; k < item.values.size(); ++k) {
      out += k == 0 ? "{\"from\": null" : ", {\"from\": ";
      if (k > 0) AppendQuoted(out, FormatIsoDay(item.change_days[k - 1]));
      out += ", \"value\": ";
      AppendQuoted(out, SynthValueText(item.values[k]));
      out += '}';
    }
    out += "], \"changes\": [";
    for (std::size_t k = 0; k < item.change_days.size(); ++k) {
      if (k > 0) out += ", ";
      AppendQuoted(out, FormatIsoDay(item.change_days[k]));
    }
    out += "], \"final\": ";
    AppendQuoted(out, SynthValueText(item.FinalValue()));
    out += '}';
    out += i + 1 < data.items.size() ? ",\n" : "\n";
  }
  out += "  ],\n  \"relays\": [";
  first = true;
  for (std::size_t c = 0; c < data.claims.size(); ++c) {
    const SynthClaim& claim = data.claims[c];
    if (!claim.relay) continue;
    out += first ? "\n" : ",\n";
    first = false;
    out += "    {\"claim\": ";
    AppendQuoted(out, ClaimId(c));
    out += ", \"outlet\": ";
    AppendQuoted(out, data.sources[claim.source].id);
    out += ", \"upstream_claim\": ";
    AppendQuoted(out, ClaimId(claim.upstream));
    out += ", \"upstream\": ";
    AppendQuoted(out, data.sources[data.claims[claim.upstream].source].id);
    out += claim.relay_has_via ? ", \"via\": true}" : ", \"via\": false}";
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

void WriteSynthFiles(const SynthDataset& data, const std::string& prefix, bool jsonl) {
  if (jsonl) {
    WriteFileAtomically(prefix + ".claims.jsonl", SynthClaimsJsonl(data));
  } else {
    WriteFileAtomically(prefix + ".claims.json", SynthClaimsJson(data));
  }
  WriteFileAtomically(prefix + ".answers.csv", SynthAnswersCsv(data));
  WriteFileAtomically(prefix + ".truth.csv", SynthTruthCsv(data));
  WriteFileAtomically(prefix + ".truth.json", SynthTruthJson(data));
}

}  // namespace credence

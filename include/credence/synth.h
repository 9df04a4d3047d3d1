// Synthetic claims with known truth: a seeded generator of sources, items and claims (static and
// changing over time, with relays, stale sources and softened headlines) for comparing
// algorithms against an answer key. The generative model is documented in docs/synth.md.
#ifndef CREDENCE_SYNTH_H_
#define CREDENCE_SYNTH_H_

#include <cstdint>
#include <string>
#include <vector>

namespace credence {

struct SynthOptions {
  // The only source of randomness: std::mt19937_64 seeded with this, read through the
  // generator's own distributions, so output is identical on every standard library.
  std::uint64_t seed = 1;

  // Sources: reliabilities drawn uniformly in [min, max], unless `reliabilities` lists them
  // (then `sources` is ignored and the list's length is the number of sources).
  int sources = 20;
  double min_reliability = 0.3;
  double max_reliability = 0.95;
  std::vector<double> reliabilities;

  // Items: `claims` > 0 sets the item count to ceil(claims / answers_per_item); otherwise
  // `items` is used. Each item has K candidate values, K uniform in [min_values, max_values].
  std::int64_t claims = 0;
  std::int64_t items = 1000;
  int min_values = 2;
  int max_values = 5;
  int answers_per_item = 10;  // distinct sources per item

  // Time: claims are dated uniformly in [start_date, start_date + days).
  std::string start_date = "2024-01-01";
  int days = 365;
  // Mutable items change value; the number of changes is Poisson(change_rate * days / 365)
  // unless changes_per_item >= 0 fixes it.
  double mutable_fraction = 0.0;
  double change_rate = 1.0;  // per year
  int changes_per_item = -1;
  int min_change_gap = 0;  // days between consecutive changes (and from the window's edges)

  // Relays: this fraction of claims copies an earlier claim of the same item by another source
  // (same value, as_of shifted by up to relay_max_shift days); relay_with_via of them name the
  // upstream in "via", the rest copy silently.
  double relay_fraction = 0.0;
  double relay_with_via = 0.5;
  int relay_max_shift = 3;

  // The first `stale_sources` sources (after shuffling by the seed) keep reporting an item's
  // original value after it changed.
  int stale_sources = 0;

  // Headlines: this fraction of original claims has confidence 0.6 and is wrong with
  // probability min(1, headline_error_factor * (1 - reliability)).
  double headline_fraction = 0.0;
  double headline_error_factor = 2.0;

  // Returns false and says why when an option is out of range.
  bool IsValid(std::string* error) const;
};

struct SynthSource {
  std::string id;
  double reliability = 0.0;
  bool stale = false;
};

struct SynthItem {
  bool is_mutable = false;
  std::uint16_t num_values = 0;
  // values[0] holds from the window's start; values[i] from change_days[i - 1] on.
  std::vector<std::uint16_t> values;
  std::vector<std::int32_t> change_days;  // days since 1970-01-01, increasing

  std::uint16_t ValueAt(std::int32_t day) const;
  std::uint16_t FinalValue() const { return values.back(); }
};

struct SynthClaim {
  std::uint32_t item = 0;
  std::uint32_t source = 0;
  std::int32_t day = 0;  // as_of, days since 1970-01-01
  std::uint16_t value = 0;
  bool headline = false;
  bool relay = false;
  bool relay_has_via = false;
  std::uint32_t upstream = 0;  // relays: the index of the copied claim
};

// Compact (a few dozen bytes a claim); the text outputs are rendered one at a time from it.
struct SynthDataset {
  SynthOptions options;
  std::int32_t first_day = 0;  // window [first_day, first_day + days)
  std::vector<SynthSource> sources;
  std::vector<SynthItem> items;
  std::vector<SynthClaim> claims;  // grouped by item, in generation order
};

// Throws std::invalid_argument when the options are invalid.
SynthDataset GenerateSynth(const SynthOptions& options);

// Names used in every output: "item-<n>", values "v<k>", claims "c<n>".
std::string SynthItemId(std::size_t item);
std::string SynthValueText(std::uint16_t value);

// The claims document (credence "1"): one article per claim.
std::string SynthClaimsJson(const SynthDataset& data);
// The same claims as JSON Lines: a header line (outlets, predicates), then one claim per line
// with its article's id and date flattened in.
std::string SynthClaimsJsonl(const SynthDataset& data);
// "question,worker,answer": one row per claim, question = item id (no time in it).
std::string SynthAnswersCsv(const SynthDataset& data);
// "question,truth": the static value, or the final value of a mutable item.
std::string SynthTruthCsv(const SynthDataset& data);
// Options, sources (reliability, stale), items (timelines, change dates) and relay pairs.
std::string SynthTruthJson(const SynthDataset& data);

// Writes PREFIX.claims.json (PREFIX.claims.jsonl instead when `jsonl`), PREFIX.answers.csv,
// PREFIX.truth.csv and PREFIX.truth.json, each atomically and one at a time so that at most one
// output text is held.
void WriteSynthFiles(const SynthDataset& data, const std::string& prefix, bool jsonl = false);

}  // namespace credence

#endif  // CREDENCE_SYNTH_H_

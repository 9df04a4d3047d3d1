// The news regime of the synthetic generator (`credence synth --regime news`): propositions with
// at most one change each, reported by one to three independent evidence groups on each side of
// it, weeks to months apart, with relays, stale repeats, plain errors and reports that date the
// change themselves (`since`, `until`). The answer key says, per proposition, when it changed and
// how its reports are laid out, and per claim whether it was true when made. The generative model
// is documented in docs/synth.md ("The news regime").
#ifndef CREDENCE_NEWS_SYNTH_H_
#define CREDENCE_NEWS_SYNTH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "credence/synth.h"

namespace credence {

struct NewsSynthOptions {
  // The only source of randomness, read as in SynthOptions.
  std::uint64_t seed = 1;

  std::int64_t propositions = 600;
  // Sources: reliabilities uniform in [min, max].
  int sources = 40;
  double min_reliability = 0.55;
  double max_reliability = 0.95;

  // Values: a proposition is boolean (K = 2) with this probability, else a category with K
  // uniform in [min_values, max_values] (declared as a closed domain v0 ... v(K-1)).
  double boolean_fraction = 0.5;
  int min_values = 3;
  int max_values = 4;

  // Propositions that never change ("static"): they get the same report layout as the others,
  // so that a change found on one is a false change.
  double static_fraction = 0.2;

  // Independent evidence groups on each side of the change, uniform in [min_groups, max_groups];
  // the same count on both sides unless independent_sides.
  int min_groups = 1;
  int max_groups = 3;
  bool independent_sides = false;
  // A side's original reports fall within this many days of its first one.
  int side_days = 60;
  // A group is relayed, with `via` naming its content source, by one or two other outlets with
  // this probability; a relay is dated 0 to relay_max_shift days after the report it copies.
  double relay_fraction = 0.3;
  int relay_max_shift = 3;

  // A changing proposition gets one stale repeat (an outlet reporting the old value after the
  // change) with this probability; any proposition gets one plain error (an outlet reporting a
  // wrong value) with error_fraction.
  double stale_fraction = 0.15;
  double error_fraction = 0.1;

  // A changing proposition is "dated" with since_fraction: its first new-side group states the
  // change day in `since`, each further new-side group with since_share. A since date is written
  // as a month ("2025-11") with since_month_fraction, else as the day. With until_fraction the
  // last old-side group states `until` = the change day (a change announced ahead).
  double since_fraction = 0.5;
  double since_share = 0.5;
  double since_month_fraction = 0.25;
  double until_fraction = 0.05;

  // A proposition's first report falls uniformly in [start_date, start_date + start_days).
  std::string start_date = "2023-01-01";
  int start_days = 365;

  // Predicates declare "mutable": true; by default they leave the key out (learned).
  bool declare_mutable = false;

  // Returns false and says why when an option is out of range.
  bool IsValid(std::string* error) const;
};

// Gap buckets between the last old-side and the first new-side report, in days (inclusive).
inline constexpr int kNewsGapBuckets = 3;
inline constexpr int kNewsGapLow[kNewsGapBuckets] = {14, 31, 183};
inline constexpr int kNewsGapHigh[kNewsGapBuckets] = {30, 182, 548};
// Labels of the buckets as the truth file writes them.
const char* NewsGapBucketName(int bucket);

enum class NewsClaimRole : std::uint8_t {
  kOriginal,  // a group's report by its content source
  kRelay,     // a copy of an original, naming its content source in `via`
  kStale,     // the old value, reported after the change
  kError,     // a wrong value
};

enum class NewsSide : std::uint8_t { kOld, kGap, kNew };

struct NewsSynthProposition {
  std::uint16_t num_values = 2;  // 2 for booleans
  bool is_boolean = true;
  bool changes = false;
  std::uint16_t old_value = 0;
  std::uint16_t new_value = 0;  // == old_value when it does not change
  std::int32_t change_day = 0;  // the new value holds from this day on; 0 when it does not change
  int old_groups = 0;
  int new_groups = 0;
  int gap_bucket = 0;
  int gap_days = 0;
  bool dated = false;  // some new-side report carries `since`
  bool has_until = false;
  bool has_stale = false;
  bool has_error = false;
  // Days (since 1970-01-01): the last old-side and the first new-side group claim (the window a
  // change lies in: last_old < change_day <= first_new), and the first and last claim overall.
  std::int32_t last_old = 0;
  std::int32_t first_new = 0;
  std::int32_t first_claim = 0;
  std::int32_t last_claim = 0;

  std::uint16_t ValueAt(std::int32_t day) const {
    return changes && day >= change_day ? new_value : old_value;
  }
};

inline constexpr std::int32_t kNoNewsDay = -2147483647 - 1;

struct NewsSynthClaim {
  std::uint32_t proposition = 0;
  std::uint32_t source = 0;
  std::int32_t day = 0;  // as_of
  std::uint16_t value = 0;
  NewsClaimRole role = NewsClaimRole::kOriginal;
  NewsSide side = NewsSide::kOld;
  int group = -1;                       // originals and relays: the group's index (old side first)
  std::int32_t via = -1;                // relays: the content source's index
  std::int32_t since_day = kNoNewsDay;  // `since`, when stated
  bool since_month = false;             // ... written as its month
  std::int32_t until_day = kNoNewsDay;  // `until`, when stated
  bool true_when_made = false;
};

struct NewsSynthDataset {
  NewsSynthOptions options;
  std::vector<SynthSource> sources;
  std::vector<NewsSynthProposition> propositions;
  std::vector<NewsSynthClaim> claims;  // by proposition, then by day
  // Changes a year over the reported spans: true changes / sum of (last claim - first claim)
  // over all propositions, in years of 365.2425 days. The oracle's change rate.
  double change_rate = 0.0;
};

// Throws std::invalid_argument when the options are invalid.
NewsSynthDataset GenerateNewsSynth(const NewsSynthOptions& options);

// Names used in every output: "prop-<n>" subjects.
std::string NewsSynthSubject(std::size_t proposition);

// The claims document (credence "1"): one article per claim.
std::string NewsSynthClaimsJson(const NewsSynthDataset& data);
// The answer key: options, change rate, sources, propositions (timeline, layout, cell) and claims
// (role, side, group, true when made).
std::string NewsSynthTruthJson(const NewsSynthDataset& data);

// Writes PREFIX.claims.json and PREFIX.truth.json atomically, one at a time.
void WriteNewsSynthFiles(const NewsSynthDataset& data, const std::string& prefix);

}  // namespace credence

#endif  // CREDENCE_NEWS_SYNTH_H_

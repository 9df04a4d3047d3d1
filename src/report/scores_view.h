// The scores document as the report and the ClaimReview export read it. This adapter is the one
// place that knows the document's keys: a change of the scores format touches this file alone.
// Keys that newer documents add (supersession change probabilities and date intervals, article
// titles and links, per-predicate change rates) are read when present.
#ifndef CREDENCE_REPORT_SCORES_VIEW_H_
#define CREDENCE_REPORT_SCORES_VIEW_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace credence::report_internal {

// The four claim statuses, in the order the scores document counts them.
enum class Status : std::uint8_t { kConfirmed, kContradicted, kSuperseded, kUnresolved };
inline constexpr std::array<Status, 4> kStatuses = {Status::kConfirmed, Status::kContradicted,
                                                    Status::kSuperseded, Status::kUnresolved};
std::string_view StatusName(Status status);

using StatusCounts = std::array<int, 4>;  // indexed by Status

// A value as the page shows it, with what the timeline needs to place a claim in the row of
// the candidate value it agrees with.
struct DisplayValue {
  std::string text;  // booleans "true"/"false", text as written, quantities "6 month"
  bool is_quantity = false;
  double amount = 0;      // quantities: the magnitude in the base unit
  std::string unit;       // quantities: the base unit
  bool is_other = false;  // null: "none of the claimed values"
};

struct RunView {
  std::string engine_name;
  std::string engine_version;
  std::string input;
  std::string input_digest;
  std::string algorithm;
  std::string schema_version;
  std::vector<std::pair<std::string, std::string>> options;  // name, value as written
  double prior_alpha = 4;
  double prior_beta = 1;
  double confirm_threshold = 0.9;
  double contradict_threshold = 0.1;
  int iterations = 0;
  bool converged = false;
  std::string termination;
  std::string message;
  std::vector<double> log_likelihood;
  double final_change = 0;
  int components = 0;
  int evidence_groups = 0;
  StatusCounts claims_by_status{};
  std::optional<double> solve_seconds;
};

struct OutletView {
  std::string id;
  std::string name;
  std::string kind;
  double reliability = 0;
  double low = 0;  // the 90% interval
  double high = 0;
  int published = 0;
  StatusCounts published_by_status{};
  int first_hand = 0;
  int relayed = 0;
  int as_content_source = 0;
  std::string note;

  // Outlets publish; people and offices are cited. An outlet is what the input calls one.
  bool IsOutlet() const { return kind == "outlet"; }
};

struct ArticleView {
  std::string id;
  std::string outlet;
  std::string published;  // empty when unknown
  std::string title;
  std::string url;
};

struct InfluenceView {
  std::string group;   // the evidence group's id (its first claim)
  std::string source;  // its content source
  std::size_t num_claims = 0;
  double delta = 0;
};

struct ClaimView {
  std::string id;
  std::string article;  // empty for claims without an article
  std::string outlet;
  std::string subject;
  std::string predicate;
  DisplayValue value;
  std::string as_of;  // ISO day
  std::int32_t day = 0;
  bool as_of_fallback = false;
  std::optional<double> probability;
  Status status = Status::kUnresolved;
  std::vector<std::size_t> superseded_by;  // claim indices
  std::string evidence_group;
  std::string reason;
  std::string content_source;
  std::vector<std::string> via;
  bool via_inferred = false;
  double confidence = 1;
  double weight = 1;
  double source_reliability = 0;
  std::vector<std::size_t> agrees_with;  // claim indices
  std::vector<std::size_t> conflicts_with;
  std::vector<std::size_t> relays_with;
  std::vector<InfluenceView> influences;
  std::size_t proposition = 0;  // index into ScoresView::propositions
};

struct SegmentView {
  std::optional<std::int32_t> from;   // open start when absent
  std::optional<std::int32_t> until;  // open end when absent
  DisplayValue value;
  double probability = 0;
  std::int32_t evidence_from = 0;
  std::int32_t evidence_until = 0;
  std::vector<std::size_t> claims;  // claim indices
};

struct PropositionView {
  std::string subject;
  std::string predicate;
  std::vector<DisplayValue> values;  // candidate values in state order
  std::vector<SegmentView> timeline;
  std::vector<std::size_t> claims;  // claim indices in (as_of, document) order
  std::vector<std::size_t> supersessions;
  std::optional<double> change_rate;  // learned changes a year, when the document gives one
};

struct SupersessionView {
  std::size_t proposition = 0;
  std::int32_t at = 0;
  std::string kind;
  DisplayValue from_value;
  DisplayValue to_value;
  std::vector<std::size_t> superseded;  // claim indices
  std::vector<std::size_t> establishing;
  std::optional<double> change_probability;
  std::optional<std::pair<std::int32_t, std::int32_t>> interval;  // 90% interval of the date
};

struct ScoresView {
  RunView run;
  std::vector<OutletView> outlets;
  std::vector<ArticleView> articles;
  std::vector<ClaimView> claims;
  std::vector<PropositionView> propositions;
  std::vector<SupersessionView> supersessions;

  // kNone when absent.
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t FindOutlet(std::string_view id) const;
  std::size_t FindArticle(std::string_view id) const;

  std::vector<std::pair<std::string, std::size_t>> outlet_index;   // sorted by id
  std::vector<std::pair<std::string, std::size_t>> article_index;  // sorted by id
};

// Reads a scores document. Throws credence::InputError naming `source` and the JSON pointer of
// the first key that is missing or of the wrong type, or of an id that names nothing.
// Memory holds the view, never the whole parsed document: claims and propositions are
// converted one at a time as the parser finishes them.
ScoresView ReadScoresView(std::string_view text, const std::string& source);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_SCORES_VIEW_H_

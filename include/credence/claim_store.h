// The columnar claim store: every string interned to a dense id, every claim a row across flat
// arrays (struct of arrays), and compressed (CSR) indexes by proposition in time order, by
// content source and by evidence group. Solvers read only this.
#ifndef CREDENCE_CLAIM_STORE_H_
#define CREDENCE_CLAIM_STORE_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credence/document.h"
#include "credence/value.h"

namespace credence {

// A (subject, predicate) pair with its candidate values. Claims of the proposition carry a
// state: the index of the candidate value they assert. Booleans have the two states false/true;
// other kinds have one state per cluster of compatible claimed values (or per declared domain
// value) plus, when no domain is declared, a last "none of these" state. The values themselves
// live in the store (ClaimStore::ValuesOf), shared by every proposition of a domain predicate.
struct PropositionInfo {
  std::string subject;
  std::uint32_t predicate = 0;
  std::uint32_t values_begin = 0;  // into the store's value table
  std::uint32_t num_values = 0;
  bool has_other_state = false;

  std::uint32_t num_states() const { return num_values + (has_other_state ? 1U : 0U); }
};

struct ArticleInfo {
  std::string id;
  std::uint32_t outlet = 0;
  std::optional<Date> published;
  std::string title;
  std::string url;
};

// A period of days since 1970-01-01, inclusive at both ends (the days a date like "2025-11" names).
struct DayPeriod {
  std::int32_t first = 0;
  std::int32_t last = 0;
  friend bool operator==(const DayPeriod&, const DayPeriod&) = default;
};

// The change a claim dates (ClaimRecord::since and until): the value began within `since`
// (a different one held the day before it) and ended within `until`.
struct ChangeDates {
  std::optional<DayPeriod> since;
  std::optional<DayPeriod> until;
};

// A compressed sparse row index: rows [offsets[r], offsets[r+1]) of `items`.
struct CsrIndex {
  std::vector<std::uint32_t> offsets{0};
  std::vector<std::uint32_t> items;

  std::size_t num_rows() const { return offsets.size() - 1; }
  std::span<const std::uint32_t> Row(std::size_t row) const {
    return {items.data() + offsets[row], items.data() + offsets[row + 1]};
  }
};

class ClaimStore {
 public:
  // The state of a claim whose value matches nothing (a quantity of unknown magnitude).
  static constexpr std::uint32_t kUnknownState = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t kNotFound = std::numeric_limits<std::uint32_t>::max();

  std::size_t num_claims() const { return claim_proposition_.size(); }
  std::size_t num_outlets() const { return outlets_.size(); }
  std::size_t num_propositions() const { return propositions_.size(); }
  std::size_t num_groups() const {
    return singleton_groups_ ? claim_group_.size() : by_group_.num_rows();
  }

  const std::string& source() const { return source_; }
  const std::string& input_digest() const { return input_digest_; }

  const std::vector<OutletRecord>& outlets() const { return outlets_; }
  const std::vector<PredicateRecord>& predicates() const { return predicates_; }
  const std::vector<PropositionInfo>& propositions() const { return propositions_; }
  const std::vector<ArticleInfo>& articles() const { return articles_; }

  // Hot columns, one entry per claim in input order.
  std::span<const std::uint32_t> claim_outlet() const { return claim_outlet_; }  // publisher
  // The content source: the last entry of `via`, else the publisher.
  std::span<const std::uint32_t> claim_source() const {
    return claim_source_.empty() ? std::span<const std::uint32_t>(claim_outlet_) : claim_source_;
  }
  std::span<const std::uint32_t> claim_proposition() const { return claim_proposition_; }
  std::span<const std::uint32_t> claim_state() const { return claim_state_; }
  std::span<const std::uint32_t> claim_group() const { return claim_group_; }
  std::span<const std::int32_t> claim_day() const { return claim_day_; }  // as_of, days
  // Evidence weight: extraction confidence divided by the size of the claim's evidence group,
  // so that k copies of one upstream report weigh as one claim.
  // Single precision: weights are ratios of small integers times a confidence, and half the
  // bytes per claim matter more at 1e8 claims than the eighth digit.
  std::span<const float> claim_weight() const { return claim_weight_; }

  // The candidate values of a proposition; state k asserts ValuesOf(p)[k].
  std::span<const Value> ValuesOf(std::size_t p) const {
    const PropositionInfo& info = propositions_[p];
    return {values_.data() + info.values_begin, info.num_values};
  }

  // Cold data, for output and explanations. Bulk loaders keep no per-claim record: then the
  // record is rebuilt from the columns (id "subject/outlet", value, as_of, via).
  bool has_claim_records() const { return !claim_records_.empty(); }
  ClaimRecord claim_record(std::size_t claim) const;
  std::string ClaimId(std::size_t claim) const;
  // kNotFound when the claim came without an article (bulk formats).
  std::uint32_t claim_article(std::size_t claim) const {
    return claim_article_.empty() ? kNotFound : claim_article_[claim];
  }
  // The change dates of a claim; empty when it gives none.
  bool has_change_dates() const { return !claim_change_dates_.empty(); }
  ChangeDates change_dates(std::size_t claim) const {
    return claim_change_dates_.empty() ? ChangeDates{} : claim_change_dates_[claim];
  }
  bool IsRelayed(std::size_t claim) const { return claim_source()[claim] != claim_outlet_[claim]; }

  // Claims of a proposition ordered by (as_of, input order); of a content source and of an
  // evidence group in input order.
  std::span<const std::uint32_t> ClaimsOfProposition(std::size_t p) const {
    return by_proposition_.Row(p);
  }
  std::span<const std::uint32_t> ClaimsOfSource(std::size_t s) const { return by_source_.Row(s); }
  std::span<const std::uint32_t> ClaimsOfGroup(std::size_t g) const {
    // Every claim its own group: group g is claim g, and claim_group_ is its own index.
    return singleton_groups_ ? std::span<const std::uint32_t>(claim_group_).subspan(g, 1)
                             : by_group_.Row(g);
  }

  std::uint32_t FindOutlet(std::string_view id) const;

  // The predicate record of a proposition.
  const PredicateRecord& PredicateOf(std::size_t proposition) const {
    return predicates_[propositions_[proposition].predicate];
  }

 private:
  friend class ClaimStoreBuilder;

  std::string source_;
  std::string input_digest_;
  std::vector<OutletRecord> outlets_;
  std::vector<PredicateRecord> predicates_;
  std::vector<PropositionInfo> propositions_;
  std::vector<ArticleInfo> articles_;
  std::vector<Value> values_;

  std::vector<std::uint32_t> claim_outlet_;
  std::vector<std::uint32_t> claim_source_;  // empty when no claim is relayed
  std::vector<std::uint32_t> claim_proposition_;
  std::vector<std::uint32_t> claim_state_;
  std::vector<std::uint32_t> claim_group_;
  std::vector<std::int32_t> claim_day_;
  std::vector<float> claim_weight_;
  std::vector<std::uint32_t> claim_article_;     // empty without articles
  std::vector<ChangeDates> claim_change_dates_;  // empty when no claim dates a change
  std::vector<ClaimRecord> claim_records_;       // empty for bulk loads
  // Bulk loads of inputs that name their claims: the ids, back to back (empty otherwise).
  std::string claim_id_text_;
  std::vector<std::uint64_t> claim_id_end_;
  // Bulk loads: the n-th answer of one outlet on one proposition gets id suffix "#n" (n >= 2).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> repeat_suffix_;  // (claim, n), by claim
  bool days_are_fallback_ = false;                                      // bulk loads without dates

  CsrIndex by_proposition_;
  CsrIndex by_source_;
  CsrIndex by_group_;              // empty when singleton_groups_
  bool singleton_groups_ = false;  // no two claims share an evidence group (common in bulk data)
};

// Builds a store claim by claim, for readers that stream their input. Outlets, predicates,
// propositions and articles get dense ids in order of addition. Finish() assigns candidate
// values by clustering compatible values around the earliest and coarsest one (predicates
// without a domain), evidence groups keyed by (proposition, state, content source), weights
// (confidence / group size) and the indexes.
class ClaimStoreBuilder {
 public:
  // keep_records = false keeps no per-claim ClaimRecord (ids, quotes, as-written values): the
  // bulk mode, a few dozen bytes per claim.
  explicit ClaimStoreBuilder(std::string source, bool keep_records = true);
  ~ClaimStoreBuilder();
  ClaimStoreBuilder(ClaimStoreBuilder&&) noexcept;
  ClaimStoreBuilder& operator=(ClaimStoreBuilder&&) noexcept;

  // Adds an outlet; its id must be new.
  std::uint32_t AddOutlet(OutletRecord outlet);
  // The outlet with this id, added with name = id and the given kind when new.
  std::uint32_t InternOutlet(std::string_view id, std::string_view kind);
  std::uint32_t AddPredicate(PredicateRecord predicate);
  std::uint32_t InternProposition(std::string_view subject, std::uint32_t predicate);
  std::uint32_t AddArticle(ArticleInfo article);

  // A claim as written. Its value is matched against the predicate's domain or clustered. A claim
  // with `since` is dated no earlier than the first day of that period, so that its own date
  // never falls before the change it reports.
  void AddClaim(ClaimRecord record, std::uint32_t article, std::uint32_t outlet,
                std::uint32_t source, std::uint32_t proposition);
  // A claim whose state is already known: the index of a domain value of the proposition's
  // predicate (or 0/1 for booleans), ClaimStore::kUnknownState when it matches none. No record.
  void AddStateClaim(std::uint32_t outlet, std::uint32_t proposition, std::uint32_t state,
                     std::int32_t day, float confidence);
  // Declares, after the fact, the domain of a predicate whose claims were added with
  // provisional states: a claim's state s becomes new_state_of[s].
  void SetDomain(std::uint32_t predicate, std::vector<Value> domain,
                 const std::vector<std::uint32_t>& new_state_of);
  // Marks every as_of as a fallback (a format without dates).
  void SetDaysAreFallback() { days_are_fallback_ = true; }
  // Makes every claim its own evidence group: tabular votes, where a worker's repeated answer
  // is one more vote (as crowd-kit counts rows), not a copy of the first.
  void SetClaimsIndependent() { claims_independent_ = true; }

  // A claim whose outlet already made a claim on the same proposition: the earlier claim (the
  // pair's first) and whether it asserts another value than that first one.
  struct Repeat {
    std::uint32_t first = 0;
    std::uint32_t later = 0;
    bool conflicting = false;
  };
  // Every repeat so far, in the order of the later claim. Costs 4 bytes a claim while it runs.
  std::vector<Repeat> FindRepeats() const;
  // Removes claims (indices in increasing order) added so far; the later ones move up.
  void RemoveClaims(const std::vector<std::uint32_t>& claims);

  std::size_t num_claims() const;
  const std::vector<OutletRecord>& outlets() const;
  // Room for this many claims, so that bulk loads do not copy their columns as they grow.
  void Reserve(std::size_t claims);

  // With `conflicting_repeats`, also lists the (earlier, later) claim pairs in which one outlet
  // asserts two different states of one proposition, for formats that forbid it.
  ClaimStore Finish(
      std::string input_digest,
      std::vector<std::pair<std::uint32_t, std::uint32_t>>* conflicting_repeats = nullptr) &&;

 private:
  struct Pending;
  std::unique_ptr<Pending> pending_;
  bool days_are_fallback_ = false;
  bool claims_independent_ = false;
};

// Interns a validated document into a store (through ClaimStoreBuilder): outlets (declared,
// then free sources named in `via`), propositions in order of first appearance.
ClaimStore BuildClaimStore(ClaimsDocument document);

}  // namespace credence

#endif  // CREDENCE_CLAIM_STORE_H_

// The columnar claim store: every string interned to a dense id, every claim a row across flat
// arrays (struct of arrays), and compressed (CSR) indexes by proposition in time order, by
// content source and by evidence group. Solvers read only this.
#ifndef CREDENCE_CLAIM_STORE_H_
#define CREDENCE_CLAIM_STORE_H_

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "credence/document.h"
#include "credence/value.h"

namespace credence {

// A (subject, predicate) pair with its candidate values. Claims of the proposition carry a
// state: the index of the candidate value they assert. Booleans have the two states false/true;
// other kinds have one state per cluster of compatible claimed values (or per declared domain
// value) plus, when no domain is declared, a last "none of these" state.
struct PropositionInfo {
  std::string subject;
  std::uint32_t predicate = 0;
  std::vector<Value> values;  // candidate values; the state index is the position here
  bool has_other_state = false;

  std::uint32_t num_states() const {
    return static_cast<std::uint32_t>(values.size()) + (has_other_state ? 1U : 0U);
  }
};

struct ArticleInfo {
  std::string id;
  std::uint32_t outlet = 0;
  std::optional<Date> published;
  std::string title;
  std::string url;
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
  std::size_t num_groups() const { return by_group_.num_rows(); }

  const std::string& source() const { return source_; }
  const std::string& input_digest() const { return input_digest_; }

  const std::vector<OutletRecord>& outlets() const { return outlets_; }
  const std::vector<PredicateRecord>& predicates() const { return predicates_; }
  const std::vector<PropositionInfo>& propositions() const { return propositions_; }
  const std::vector<ArticleInfo>& articles() const { return articles_; }

  // Hot columns, one entry per claim in input order.
  std::span<const std::uint32_t> claim_outlet() const { return claim_outlet_; }  // publisher
  std::span<const std::uint32_t> claim_source() const { return claim_source_; }  // content
  std::span<const std::uint32_t> claim_proposition() const { return claim_proposition_; }
  std::span<const std::uint32_t> claim_state() const { return claim_state_; }
  std::span<const std::uint32_t> claim_group() const { return claim_group_; }
  std::span<const std::int32_t> claim_day() const { return claim_day_; }  // as_of, days
  // Evidence weight: extraction confidence divided by the size of the claim's evidence group,
  // so that k copies of one upstream report weigh as one claim.
  std::span<const double> claim_weight() const { return claim_weight_; }

  // Cold data, for output and explanations.
  const ClaimRecord& claim_record(std::size_t claim) const { return claim_records_[claim]; }
  std::uint32_t claim_article(std::size_t claim) const { return claim_article_[claim]; }
  bool IsRelayed(std::size_t claim) const { return claim_source_[claim] != claim_outlet_[claim]; }

  // Claims of a proposition ordered by (as_of, input order); of a content source and of an
  // evidence group in input order.
  std::span<const std::uint32_t> ClaimsOfProposition(std::size_t p) const {
    return by_proposition_.Row(p);
  }
  std::span<const std::uint32_t> ClaimsOfSource(std::size_t s) const { return by_source_.Row(s); }
  std::span<const std::uint32_t> ClaimsOfGroup(std::size_t g) const { return by_group_.Row(g); }

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

  std::vector<std::uint32_t> claim_outlet_;
  std::vector<std::uint32_t> claim_source_;
  std::vector<std::uint32_t> claim_proposition_;
  std::vector<std::uint32_t> claim_state_;
  std::vector<std::uint32_t> claim_group_;
  std::vector<std::int32_t> claim_day_;
  std::vector<double> claim_weight_;
  std::vector<std::uint32_t> claim_article_;
  std::vector<ClaimRecord> claim_records_;

  CsrIndex by_proposition_;
  CsrIndex by_source_;
  CsrIndex by_group_;
};

// Interns a validated document into a store: outlets (declared, then free sources named in
// `via`), propositions in order of first appearance, candidate values by clustering compatible
// values around the earliest and coarsest one, evidence groups keyed by (proposition, state,
// content source), where the content source is the last entry of `via` or else the publisher.
ClaimStore BuildClaimStore(ClaimsDocument document);

}  // namespace credence

#endif  // CREDENCE_CLAIM_STORE_H_

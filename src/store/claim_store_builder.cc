// Building the columnar ClaimStore claim by claim: interning, value clustering, evidence groups
// and the CSR indexes.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "credence/claim_store.h"
#include "util/string_interner.h"

namespace credence {

namespace {

using Index = std::uint32_t;
using internal::StringInterner;

Index ToIndex(std::size_t value) {
  if (value >= ClaimStore::kNotFound) {
    throw std::length_error("more than 4294967294 claims, values or ids in one store");
  }
  return static_cast<Index>(value);
}

// Orders values so that a cluster's anchor (its first member) is the smallest quantity, or the
// earliest and coarsest date. Categories and strings only ever match equal text, so any strict
// order works for them.
bool AnchorOrder(const Value& a, const Value& b) {
  switch (a.kind()) {
    case ValueKind::kQuantity:  // by unit first: amounts in different units never agree
      return std::make_pair(a.text(), a.magnitude().value_or(0.0)) <
             std::make_pair(b.text(), b.magnitude().value_or(0.0));
    case ValueKind::kDate: {
      const auto key = [](const Value& v) {
        return std::make_tuple(v.date().FirstDay(), static_cast<int>(v.date().granularity));
      };
      return key(a) < key(b);
    }
    case ValueKind::kBoolean:
      return a.boolean() < b.boolean();
    case ValueKind::kCategory:
    case ValueKind::kString:
      return a.text() < b.text();
  }
  return false;
}

// Candidate values of a proposition without a declared domain: claimed values grouped around
// anchors. Agreement is not transitive ("2025" agrees with two different days), so each value
// joins the first cluster whose anchor it agrees with. Returns, per claim, its cluster, and the
// anchors ordered by first appearance in the input.
std::vector<Index> ClusterValues(const std::vector<const Value*>& values,
                                 const Tolerance& tolerance, std::vector<Value>* anchors_out) {
  std::vector<Index> order(values.size());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Index a, Index b) { return AnchorOrder(*values[a], *values[b]); });
  std::vector<Index> anchor_of_cluster;  // index into values
  std::vector<Index> cluster(values.size(), ClaimStore::kUnknownState);
  for (Index i : order) {
    if (!values[i]->IsKnown()) continue;
    // Sorted order means the most recent cluster is the only candidate for quantities; dates and
    // texts may match any earlier anchor, so scan back (clusters per proposition are few).
    for (std::size_t c = anchor_of_cluster.size(); c-- > 0;) {
      if (Compatible(*values[anchor_of_cluster[c]], *values[i], tolerance)) {
        cluster[i] = ToIndex(c);
        break;
      }
      if (values[i]->kind() == ValueKind::kQuantity) break;
    }
    if (cluster[i] == ClaimStore::kUnknownState) {
      cluster[i] = ToIndex(anchor_of_cluster.size());
      anchor_of_cluster.push_back(i);
    }
  }
  // Renumber clusters by the first claim (input order) that falls in them.
  std::vector<Index> renumber(anchor_of_cluster.size(), ClaimStore::kUnknownState);
  anchors_out->clear();
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (cluster[i] == ClaimStore::kUnknownState) continue;
    Index& target = renumber[cluster[i]];
    if (target == ClaimStore::kUnknownState) {
      target = ToIndex(anchors_out->size());
      anchors_out->push_back(*values[anchor_of_cluster[cluster[i]]]);
    }
  }
  for (Index& c : cluster) {
    if (c != ClaimStore::kUnknownState) c = renumber[c];
  }
  return cluster;
}

// Rows in item order: a stable counting sort.
CsrIndex BuildCsr(std::size_t num_rows, const std::vector<Index>& row_of_item) {
  CsrIndex index;
  index.offsets.assign(num_rows + 1, 0);
  for (Index row : row_of_item) ++index.offsets[row + 1];
  std::partial_sum(index.offsets.begin(), index.offsets.end(), index.offsets.begin());
  index.items.resize(row_of_item.size());
  std::vector<Index> cursor(index.offsets.begin(), index.offsets.end() - 1);
  for (std::size_t item = 0; item < row_of_item.size(); ++item) {
    index.items[cursor[row_of_item[item]]++] = ToIndex(item);
  }
  return index;
}

// For the claims of one row (in input order), the first claim of the row with an equal key and
// the claim's 1-based occurrence among those. Small rows compare pairwise; large ones sort.
template <typename Key, typename Visit>
void VisitFirstOfKey(std::span<const Index> row, const Key& key, const Visit& visit) {
  if (row.size() <= 24) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const auto k = key(row[i]);
      Index first = row[i];
      Index occurrence = 1;
      for (std::size_t j = 0; j < i; ++j) {
        if (key(row[j]) != k) continue;
        if (occurrence == 1) first = row[j];
        ++occurrence;
      }
      visit(row[i], first, occurrence);
    }
    return;
  }
  std::vector<std::pair<decltype(key(row[0])), Index>> sorted;
  sorted.reserve(row.size());
  for (Index c : row) sorted.emplace_back(key(c), c);
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    for (; j < sorted.size() && sorted[j].first == sorted[i].first; ++j) {
      visit(sorted[j].second, sorted[i].second, static_cast<Index>(j - i + 1));
    }
    i = j;
  }
}

}  // namespace

struct ClaimStoreBuilder::Pending {
  ClaimStore store;
  bool keep_records = true;
  StringInterner outlet_ids;
  std::unordered_map<std::string, Index> predicate_index;
  std::vector<StringInterner> subjects;  // per predicate: subject -> proposition
  std::vector<std::vector<Index>> proposition_of_subject;
  std::vector<float> confidence;
  // Values of claims on predicates without a domain, clustered in Finish(); while building, such
  // a claim's state column holds its index here.
  std::vector<Value> clustered_values;
  bool has_articles = false;
  bool has_relays = false;
  bool domain_remapped = false;

  void CheckOutlet(Index outlet) const {
    if (outlet >= store.outlets_.size()) throw std::out_of_range("claim names an unknown outlet");
  }
};

ClaimStoreBuilder::ClaimStoreBuilder(std::string source, bool keep_records)
    : pending_(std::make_unique<Pending>()) {
  pending_->store.source_ = std::move(source);
  pending_->keep_records = keep_records;
}
ClaimStoreBuilder::~ClaimStoreBuilder() = default;
ClaimStoreBuilder::ClaimStoreBuilder(ClaimStoreBuilder&&) noexcept = default;
ClaimStoreBuilder& ClaimStoreBuilder::operator=(ClaimStoreBuilder&&) noexcept = default;

std::size_t ClaimStoreBuilder::num_claims() const { return pending_->store.claim_outlet_.size(); }
const std::vector<OutletRecord>& ClaimStoreBuilder::outlets() const {
  return pending_->store.outlets_;
}

void ClaimStoreBuilder::Reserve(std::size_t claims) {
  ClaimStore& store = pending_->store;
  store.claim_outlet_.reserve(claims);
  store.claim_proposition_.reserve(claims);
  store.claim_state_.reserve(claims);
  store.claim_day_.reserve(claims);
  pending_->confidence.reserve(claims);
}

std::uint32_t ClaimStoreBuilder::AddOutlet(OutletRecord outlet) {
  Pending& p = *pending_;
  const Index id = p.outlet_ids.Intern(outlet.id);
  if (id != p.store.outlets_.size()) {
    throw std::invalid_argument("outlet \"" + outlet.id + "\" added twice");
  }
  p.store.outlets_.push_back(std::move(outlet));
  return id;
}

std::uint32_t ClaimStoreBuilder::InternOutlet(std::string_view id, std::string_view kind) {
  Pending& p = *pending_;
  const Index index = p.outlet_ids.Intern(id);
  if (index == p.store.outlets_.size()) {
    p.store.outlets_.push_back({std::string(id), std::string(id), std::string(kind)});
  }
  return index;
}

std::uint32_t ClaimStoreBuilder::AddPredicate(PredicateRecord predicate) {
  Pending& p = *pending_;
  const Index id = ToIndex(p.store.predicates_.size());
  if (!p.predicate_index.try_emplace(predicate.id, id).second) {
    throw std::invalid_argument("predicate \"" + predicate.id + "\" added twice");
  }
  p.store.predicates_.push_back(std::move(predicate));
  p.subjects.emplace_back();
  p.proposition_of_subject.emplace_back();
  return id;
}

std::uint32_t ClaimStoreBuilder::InternProposition(std::string_view subject,
                                                   std::uint32_t predicate) {
  Pending& p = *pending_;
  if (predicate >= p.store.predicates_.size()) throw std::out_of_range("unknown predicate");
  StringInterner& subjects = p.subjects[predicate];
  const Index local = subjects.Intern(subject);
  std::vector<Index>& propositions = p.proposition_of_subject[predicate];
  if (local == propositions.size()) {
    propositions.push_back(ToIndex(p.store.propositions_.size()));
    PropositionInfo info;
    info.subject = std::string(subject);
    info.predicate = predicate;
    p.store.propositions_.push_back(std::move(info));
  }
  return propositions[local];
}

std::uint32_t ClaimStoreBuilder::AddArticle(ArticleInfo article) {
  Pending& p = *pending_;
  p.CheckOutlet(article.outlet);
  p.store.articles_.push_back(std::move(article));
  return ToIndex(p.store.articles_.size() - 1);
}

void ClaimStoreBuilder::AddClaim(ClaimRecord record, std::uint32_t article, std::uint32_t outlet,
                                 std::uint32_t source, std::uint32_t proposition) {
  Pending& p = *pending_;
  ClaimStore& store = p.store;
  p.CheckOutlet(outlet);
  p.CheckOutlet(source);
  if (proposition >= store.propositions_.size()) throw std::out_of_range("unknown proposition");
  if (article != ClaimStore::kNotFound && article >= store.articles_.size()) {
    throw std::out_of_range("unknown article");
  }
  const std::size_t claim = store.claim_outlet_.size();
  if (article != ClaimStore::kNotFound && !p.has_articles) {
    store.claim_article_.assign(claim, ClaimStore::kNotFound);
    p.has_articles = true;
  }
  if (p.has_articles) store.claim_article_.push_back(article);
  if (source != outlet && !p.has_relays) {
    store.claim_source_ = store.claim_outlet_;
    p.has_relays = true;
  }
  if (p.has_relays) store.claim_source_.push_back(source);
  store.claim_outlet_.push_back(outlet);
  store.claim_proposition_.push_back(proposition);
  std::int32_t day = record.as_of.FirstDay();
  if (record.since) day = std::max(day, record.since->FirstDay());
  store.claim_day_.push_back(day);
  p.confidence.push_back(static_cast<float>(record.confidence));
  if (record.since || record.until) {
    ChangeDates dates;
    if (record.since) dates.since = DayPeriod{record.since->FirstDay(), record.since->LastDay()};
    if (record.until) dates.until = DayPeriod{record.until->FirstDay(), record.until->LastDay()};
    store.claim_change_dates_.resize(claim);
    store.claim_change_dates_.push_back(dates);
  } else if (!store.claim_change_dates_.empty()) {
    store.claim_change_dates_.emplace_back();
  }

  const PredicateRecord& predicate = store.predicates_[store.propositions_[proposition].predicate];
  Index state = ClaimStore::kUnknownState;
  if (predicate.value_kind == ValueKind::kBoolean) {
    state = record.value.boolean() ? 1 : 0;
  } else if (!predicate.domain.empty()) {
    for (std::size_t s = 0; s < predicate.domain.size(); ++s) {
      if (Compatible(predicate.domain[s], record.value, predicate.tolerance)) {
        state = ToIndex(s);
        break;
      }
    }
  } else {
    state = ToIndex(p.clustered_values.size());
    p.clustered_values.push_back(record.value);
  }
  store.claim_state_.push_back(state);
  if (p.keep_records) {
    store.claim_records_.push_back(std::move(record));
    return;
  }
  // Without records, keep the claim's own id (bulk inputs that name claims); an empty id is
  // rebuilt as "subject/outlet".
  // The first named claim may be claim 0, when the id column is still empty.
  const bool named = !record.id.empty() || !store.claim_id_end_.empty();
  if (named && store.claim_id_end_.empty()) store.claim_id_end_.assign(claim, 0);
  if (named) {
    store.claim_id_text_ += record.id;
    store.claim_id_end_.push_back(store.claim_id_text_.size());
  }
}

void ClaimStoreBuilder::AddStateClaim(std::uint32_t outlet, std::uint32_t proposition,
                                      std::uint32_t state, std::int32_t day, float confidence) {
  Pending& p = *pending_;
  ClaimStore& store = p.store;
  if (p.keep_records) {
    throw std::logic_error("AddStateClaim needs a builder without records");
  }
  if (p.has_articles) store.claim_article_.push_back(ClaimStore::kNotFound);
  if (p.has_relays) store.claim_source_.push_back(outlet);
  if (!store.claim_id_end_.empty()) store.claim_id_end_.push_back(store.claim_id_text_.size());
  if (!store.claim_change_dates_.empty()) store.claim_change_dates_.emplace_back();
  store.claim_outlet_.push_back(outlet);
  store.claim_proposition_.push_back(proposition);
  store.claim_day_.push_back(day);
  store.claim_state_.push_back(state);
  p.confidence.push_back(confidence);
}

void ClaimStoreBuilder::SetDomain(std::uint32_t predicate, std::vector<Value> domain,
                                  const std::vector<std::uint32_t>& new_state_of) {
  Pending& p = *pending_;
  ClaimStore& store = p.store;
  if (predicate >= store.predicates_.size()) throw std::out_of_range("unknown predicate");
  const auto& proposition = store.claim_proposition_;
  for (std::size_t c = 0; c < store.claim_state_.size(); ++c) {
    Index& state = store.claim_state_[c];
    if (state == ClaimStore::kUnknownState ||
        store.propositions_[proposition[c]].predicate != predicate) {
      continue;
    }
    if (state >= new_state_of.size()) throw std::out_of_range("state without a new number");
    state = new_state_of[state];
  }
  store.predicates_[predicate].domain = std::move(domain);
}

std::vector<ClaimStoreBuilder::Repeat> ClaimStoreBuilder::FindRepeats() const {
  const Pending& p = *pending_;
  const ClaimStore& store = p.store;
  const CsrIndex by_proposition = BuildCsr(store.propositions_.size(), store.claim_proposition_);
  // Before Finish, a clustered claim's state indexes its value as written; a domain or boolean
  // claim's state is final.
  const auto same_value = [&](Index a, Index b) {
    const Index sa = store.claim_state_[a];
    const Index sb = store.claim_state_[b];
    const PredicateRecord& predicate =
        store.predicates_[store.propositions_[store.claim_proposition_[a]].predicate];
    const bool clustered = predicate.value_kind != ValueKind::kBoolean && predicate.domain.empty();
    if (!clustered || sa == ClaimStore::kUnknownState || sb == ClaimStore::kUnknownState) {
      return sa == sb;
    }
    return Compatible(p.clustered_values[sa], p.clustered_values[sb], predicate.tolerance);
  };
  std::vector<Repeat> repeats;
  for (std::size_t prop = 0; prop < store.propositions_.size(); ++prop) {
    VisitFirstOfKey(
        by_proposition.Row(prop), [&](Index c) { return store.claim_outlet_[c]; },
        [&](Index c, Index first, Index occurrence) {
          if (occurrence > 1) repeats.push_back({first, c, !same_value(first, c)});
        });
  }
  std::sort(repeats.begin(), repeats.end(),
            [](const Repeat& a, const Repeat& b) { return a.later < b.later; });
  return repeats;
}

void ClaimStoreBuilder::RemoveClaims(const std::vector<std::uint32_t>& claims) {
  if (claims.empty()) return;
  Pending& p = *pending_;
  ClaimStore& store = p.store;
  const std::size_t num_claims = store.claim_outlet_.size();
  std::vector<std::uint8_t> removed(num_claims, 0);
  for (const Index c : claims) {
    if (c >= num_claims) throw std::out_of_range("RemoveClaims: no such claim");
    removed[c] = 1;
  }
  const auto compact = [&](auto& column) {
    if (column.empty()) return;
    std::size_t kept = 0;
    for (std::size_t c = 0; c < num_claims; ++c) {
      if (removed[c] == 0) column[kept++] = std::move(column[c]);
    }
    column.resize(kept);
  };
  compact(store.claim_outlet_);
  compact(store.claim_source_);
  compact(store.claim_proposition_);
  compact(store.claim_state_);
  compact(store.claim_day_);
  compact(store.claim_article_);
  compact(store.claim_records_);
  compact(p.confidence);
  if (!store.claim_id_end_.empty()) {
    std::string text;
    std::vector<std::uint64_t> ends;
    std::uint64_t begin = 0;
    for (std::size_t c = 0; c < num_claims; ++c) {
      const std::uint64_t end = store.claim_id_end_[c];
      if (removed[c] == 0) {
        text.append(store.claim_id_text_, begin, end - begin);
        ends.push_back(text.size());
      }
      begin = end;
    }
    store.claim_id_text_ = std::move(text);
    store.claim_id_end_ = std::move(ends);
  }
}

ClaimStore ClaimStoreBuilder::Finish(
    std::string input_digest,
    std::vector<std::pair<std::uint32_t, std::uint32_t>>* conflicting_repeats) && {
  Pending& p = *pending_;
  ClaimStore store = std::move(p.store);
  store.input_digest_ = std::move(input_digest);
  store.days_are_fallback_ = days_are_fallback_;
  const std::size_t num_claims = store.claim_outlet_.size();
  store.by_proposition_ = BuildCsr(store.propositions_.size(), store.claim_proposition_);

  // Candidate values: shared per domain predicate, clustered per proposition otherwise.
  std::vector<Index> shared_begin(store.predicates_.size(), ClaimStore::kNotFound);
  std::vector<const Value*> values;
  std::vector<Value> anchors;
  for (std::size_t prop = 0; prop < store.propositions_.size(); ++prop) {
    PropositionInfo& info = store.propositions_[prop];
    const PredicateRecord& predicate = store.predicates_[info.predicate];
    if (predicate.value_kind == ValueKind::kBoolean || !predicate.domain.empty()) {
      Index& begin = shared_begin[info.predicate];
      if (begin == ClaimStore::kNotFound) {
        begin = ToIndex(store.values_.size());
        if (predicate.value_kind == ValueKind::kBoolean) {
          store.values_.push_back(Value::Boolean(false));
          store.values_.push_back(Value::Boolean(true));
        } else {
          store.values_.insert(store.values_.end(), predicate.domain.begin(),
                               predicate.domain.end());
        }
      }
      info.values_begin = begin;
      info.num_values =
          predicate.value_kind == ValueKind::kBoolean ? 2U : ToIndex(predicate.domain.size());
      continue;
    }
    const auto claims = store.by_proposition_.Row(prop);
    values.clear();
    for (Index c : claims) values.push_back(&p.clustered_values[store.claim_state_[c]]);
    const std::vector<Index> cluster = ClusterValues(values, predicate.tolerance, &anchors);
    for (std::size_t i = 0; i < claims.size(); ++i) store.claim_state_[claims[i]] = cluster[i];
    info.values_begin = ToIndex(store.values_.size());
    info.num_values = ToIndex(anchors.size());
    store.values_.insert(store.values_.end(), anchors.begin(), anchors.end());
    info.has_other_state = true;
  }
  p.clustered_values = {};

  // Evidence groups: claims on one proposition asserting one state and tracing back to one
  // content source are one piece of evidence; a claim whose value matches nothing is alone.
  // Group ids follow the input order of each group's first claim.
  const auto source = store.claim_source();
  const auto state = std::span<const Index>(store.claim_state_);
  store.claim_group_.resize(num_claims);
  for (std::size_t prop = 0; prop < store.propositions_.size(); ++prop) {
    VisitFirstOfKey(
        store.by_proposition_.Row(prop),
        [&](Index c) {
          return state[c] == ClaimStore::kUnknownState || claims_independent_
                     ? (std::uint64_t{1} << 63U) | c
                     : (std::uint64_t{state[c]} << 32U) | source[c];
        },
        [&](Index c, Index first, Index) { store.claim_group_[c] = first; });
    if (!p.keep_records || conflicting_repeats != nullptr) {
      VisitFirstOfKey(
          store.by_proposition_.Row(prop), [&](Index c) { return store.claim_outlet_[c]; },
          [&](Index c, Index first, Index occurrence) {
            if (occurrence == 1) return;
            if (!p.keep_records) store.repeat_suffix_.emplace_back(c, occurrence);
            if (conflicting_repeats != nullptr && state[c] != state[first]) {
              conflicting_repeats->emplace_back(first, c);
            }
          });
    }
  }
  std::sort(store.repeat_suffix_.begin(), store.repeat_suffix_.end());
  if (conflicting_repeats != nullptr) {
    std::sort(conflicting_repeats->begin(), conflicting_repeats->end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
  }
  std::vector<Index> group_size;
  for (std::size_t c = 0; c < num_claims; ++c) {
    Index& group = store.claim_group_[c];
    if (group == c) {
      group = ToIndex(group_size.size());
      group_size.push_back(0);
    } else {
      group = store.claim_group_[group];  // the first claim comes earlier: already renumbered
    }
    ++group_size[group];
  }
  store.claim_weight_.resize(num_claims);
  for (std::size_t c = 0; c < num_claims; ++c) {
    store.claim_weight_[c] =
        p.confidence[c] / static_cast<float>(group_size[store.claim_group_[c]]);
  }
  p.confidence = {};
  if (group_size.size() == num_claims) {
    store.singleton_groups_ = true;  // then claim_group_[c] == c
  } else {
    store.by_group_ = BuildCsr(group_size.size(), store.claim_group_);
  }

  // Claims of a proposition in time order; input order within a day (the sort is stable).
  for (std::size_t prop = 0; prop < store.propositions_.size(); ++prop) {
    auto begin = store.by_proposition_.items.begin() + store.by_proposition_.offsets[prop];
    auto end = store.by_proposition_.items.begin() + store.by_proposition_.offsets[prop + 1];
    const auto by_day = [&](Index a, Index b) { return store.claim_day_[a] < store.claim_day_[b]; };
    if (!std::is_sorted(begin, end, by_day)) std::stable_sort(begin, end, by_day);
  }
  store.by_source_ =
      BuildCsr(store.outlets_.size(),
               store.claim_source_.empty() ? store.claim_outlet_ : store.claim_source_);
  return store;
}

ClaimStore BuildClaimStore(ClaimsDocument document) {
  ClaimStoreBuilder builder(std::move(document.source));
  if (document.claims_are_independent) builder.SetClaimsIndependent();
  for (OutletRecord& outlet : document.outlets) builder.AddOutlet(std::move(outlet));
  std::unordered_map<std::string, Index> predicate_index;
  for (PredicateRecord& predicate : document.predicates) {
    const std::string id = predicate.id;
    predicate_index.emplace(id, builder.AddPredicate(std::move(predicate)));
  }
  const std::size_t num_outlets = builder.outlets().size();
  // The reader rejects unknown ids, so an outlet not declared by now is a bug, not bad input.
  const auto find_outlet = [&](const std::string& id) {
    const Index index = builder.InternOutlet(id, "outlet");
    if (index >= num_outlets) throw std::logic_error("unvalidated outlet " + id);
    return index;
  };
  for (ArticleRecord& article : document.articles) {
    const Index outlet = find_outlet(article.outlet);
    const Index article_id = builder.AddArticle({std::move(article.id), outlet, article.published,
                                                 std::move(article.title), std::move(article.url)});
    for (ClaimRecord& claim : article.claims) {
      const auto predicate = predicate_index.find(claim.predicate);
      if (predicate == predicate_index.end()) {
        throw std::logic_error("unvalidated predicate " + claim.predicate);
      }
      const Index proposition = builder.InternProposition(claim.subject, predicate->second);
      const Index source = claim.via.empty() ? outlet : find_outlet(claim.via.back());
      builder.AddClaim(std::move(claim), article_id, outlet, source, proposition);
    }
  }
  return std::move(builder).Finish(std::move(document.input_digest));
}

}  // namespace credence

// Interning a ClaimsDocument into the columnar ClaimStore.
#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "credence/claim_store.h"

namespace credence {

std::uint32_t ClaimStore::FindOutlet(std::string_view id) const {
  for (std::size_t i = 0; i < outlets_.size(); ++i) {
    if (outlets_[i].id == id) return static_cast<std::uint32_t>(i);
  }
  return kNotFound;
}

// Friend of ClaimStore: the only code that writes its columns.
class ClaimStoreBuilder {
 public:
  static ClaimStore Build(ClaimsDocument document);

 private:
  static void AssignStates(ClaimStore& store,
                           const std::vector<std::vector<std::uint32_t>>& claims_by_proposition);
  static void AssignGroups(ClaimStore& store);
  static void BuildIndexes(ClaimStore& store);
};

namespace {

using Index = std::uint32_t;

Index ToIndex(std::size_t value) { return static_cast<Index>(value); }

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

}  // namespace

ClaimStore ClaimStoreBuilder::Build(ClaimsDocument document) {
  ClaimStore store;
  store.source_ = std::move(document.source);
  store.input_digest_ = std::move(document.input_digest);
  store.outlets_ = std::move(document.outlets);
  store.predicates_ = std::move(document.predicates);

  std::unordered_map<std::string, Index> outlet_index;
  for (std::size_t i = 0; i < store.outlets_.size(); ++i) {
    outlet_index.emplace(store.outlets_[i].id, ToIndex(i));
  }
  std::unordered_map<std::string, Index> predicate_index;
  for (std::size_t i = 0; i < store.predicates_.size(); ++i) {
    predicate_index.emplace(store.predicates_[i].id, ToIndex(i));
  }
  const auto find = [](const std::unordered_map<std::string, Index>& map, const std::string& key,
                       const char* what) {
    const auto it = map.find(key);
    // The reader rejects unknown ids, so reaching this is a bug, not bad input.
    if (it == map.end()) throw std::logic_error(std::string("unvalidated ") + what + " " + key);
    return it->second;
  };

  std::map<std::pair<std::string, Index>, Index> proposition_index;
  std::vector<std::vector<Index>> claims_by_proposition;
  const std::size_t num_claims = document.NumClaims();
  store.claim_outlet_.reserve(num_claims);
  store.claim_records_.reserve(num_claims);

  for (ArticleRecord& article : document.articles) {
    const Index article_id = ToIndex(store.articles_.size());
    const Index outlet = find(outlet_index, article.outlet, "outlet");
    store.articles_.push_back({std::move(article.id), outlet, article.published,
                               std::move(article.title), std::move(article.url)});
    for (ClaimRecord& claim : article.claims) {
      const Index claim_id = ToIndex(store.claim_records_.size());
      const Index predicate = find(predicate_index, claim.predicate, "predicate");
      const auto [it, inserted] = proposition_index.try_emplace(
          std::make_pair(claim.subject, predicate), ToIndex(store.propositions_.size()));
      if (inserted) {
        store.propositions_.push_back({claim.subject, predicate, {}, false});
        claims_by_proposition.emplace_back();
      }
      claims_by_proposition[it->second].push_back(claim_id);
      const Index source =
          claim.via.empty() ? outlet : find(outlet_index, claim.via.back(), "source");
      store.claim_article_.push_back(article_id);
      store.claim_outlet_.push_back(outlet);
      store.claim_source_.push_back(source);
      store.claim_proposition_.push_back(it->second);
      store.claim_day_.push_back(claim.as_of.FirstDay());
      store.claim_records_.push_back(std::move(claim));
    }
  }

  AssignStates(store, claims_by_proposition);
  AssignGroups(store);
  BuildIndexes(store);
  return store;
}

void ClaimStoreBuilder::AssignStates(ClaimStore& store,
                                     const std::vector<std::vector<Index>>& claims_by_proposition) {
  store.claim_state_.assign(store.claim_records_.size(), ClaimStore::kUnknownState);
  for (std::size_t p = 0; p < store.propositions_.size(); ++p) {
    PropositionInfo& proposition = store.propositions_[p];
    const PredicateRecord& predicate = store.predicates_[proposition.predicate];
    const std::vector<Index>& claims = claims_by_proposition[p];
    if (predicate.value_kind == ValueKind::kBoolean) {
      proposition.values = {Value::Boolean(false), Value::Boolean(true)};
      for (Index c : claims)
        store.claim_state_[c] = store.claim_records_[c].value.boolean() ? 1 : 0;
      continue;
    }
    if (!predicate.domain.empty()) {
      proposition.values = predicate.domain;
      for (Index c : claims) {
        const Value& value = store.claim_records_[c].value;
        for (std::size_t s = 0; s < predicate.domain.size(); ++s) {
          if (Compatible(predicate.domain[s], value, predicate.tolerance)) {
            store.claim_state_[c] = ToIndex(s);
            break;
          }
        }
      }
      continue;
    }
    std::vector<const Value*> values;
    values.reserve(claims.size());
    for (Index c : claims) values.push_back(&store.claim_records_[c].value);
    const std::vector<Index> cluster =
        ClusterValues(values, predicate.tolerance, &proposition.values);
    for (std::size_t i = 0; i < claims.size(); ++i) store.claim_state_[claims[i]] = cluster[i];
    proposition.has_other_state = true;
  }
}

// Evidence groups: claims on one proposition asserting one state and tracing back to one
// content source are one piece of evidence. A claim whose value matches nothing is alone.
void ClaimStoreBuilder::AssignGroups(ClaimStore& store) {
  std::map<std::tuple<Index, Index, Index>, Index> group_index;
  std::vector<Index> group_size;
  store.claim_group_.resize(store.claim_records_.size());
  for (std::size_t c = 0; c < store.claim_records_.size(); ++c) {
    Index group = ToIndex(group_size.size());
    if (store.claim_state_[c] != ClaimStore::kUnknownState) {
      const auto [it, inserted] =
          group_index.try_emplace(std::make_tuple(store.claim_proposition_[c],
                                                  store.claim_state_[c], store.claim_source_[c]),
                                  group);
      group = it->second;
    }
    if (group == group_size.size()) group_size.push_back(0);
    ++group_size[group];
    store.claim_group_[c] = group;
  }
  store.claim_weight_.resize(store.claim_records_.size());
  for (std::size_t c = 0; c < store.claim_records_.size(); ++c) {
    store.claim_weight_[c] =
        store.claim_records_[c].confidence / static_cast<double>(group_size[store.claim_group_[c]]);
  }
  store.by_group_ = BuildCsr(group_size.size(), store.claim_group_);
}

void ClaimStoreBuilder::BuildIndexes(ClaimStore& store) {
  store.by_proposition_ = BuildCsr(store.propositions_.size(), store.claim_proposition_);
  for (std::size_t p = 0; p < store.propositions_.size(); ++p) {
    auto begin = store.by_proposition_.items.begin() + store.by_proposition_.offsets[p];
    auto end = store.by_proposition_.items.begin() + store.by_proposition_.offsets[p + 1];
    // Items are already in input order, so a stable sort by day keeps input order within a day.
    std::stable_sort(begin, end,
                     [&](Index a, Index b) { return store.claim_day_[a] < store.claim_day_[b]; });
  }
  store.by_source_ = BuildCsr(store.outlets_.size(), store.claim_source_);
}

ClaimStore BuildClaimStore(ClaimsDocument document) {
  return ClaimStoreBuilder::Build(std::move(document));
}

}  // namespace credence

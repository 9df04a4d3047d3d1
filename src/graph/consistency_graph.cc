#include "credence/consistency_graph.h"

#include <algorithm>
#include <boost/graph/connected_components.hpp>
#include <cstdlib>
#include <map>
#include <vector>

namespace credence {

std::string_view ToString(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kAgrees:
      return "agrees";
    case EdgeKind::kConflicts:
      return "conflicts";
    case EdgeKind::kSupersedes:
      return "supersedes";
    case EdgeKind::kRelays:
      return "relays";
  }
  return "unknown";
}

namespace {

// The relation of two claims of one proposition before any solving, if any.
std::optional<EdgeKind> Relation(const ClaimStore& store, std::uint32_t a, std::uint32_t b,
                                 bool is_mutable, int same_period_days) {
  const auto state = store.claim_state();
  if (state[a] == ClaimStore::kUnknownState || state[b] == ClaimStore::kUnknownState) {
    return std::nullopt;  // a value that matches nothing relates to nothing
  }
  if (store.claim_group()[a] == store.claim_group()[b]) return EdgeKind::kRelays;
  const auto day = store.claim_day();
  if (is_mutable && std::abs(day[a] - day[b]) > same_period_days) return std::nullopt;
  return state[a] == state[b] ? EdgeKind::kAgrees : EdgeKind::kConflicts;
}

}  // namespace

void ConsistencyGraph::SetEdge(std::uint32_t a, std::uint32_t b, EdgeProperties properties) {
  const auto [edge, exists] = boost::edge(a, b, graph_);
  if (exists) {
    graph_[edge] = properties;
  } else {
    boost::add_edge(a, b, properties, graph_);
  }
}

ConsistencyGraph ConsistencyGraph::Build(const ClaimStore& store, const GraphOptions& options) {
  ConsistencyGraph result;
  result.graph_ = Graph(store.num_claims());
  const auto state = store.claim_state();
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const auto claims = store.ClaimsOfProposition(p);
    const bool is_mutable = store.PredicateOf(p).CanChange();
    if (claims.size() <= static_cast<std::size_t>(options.max_pairwise_claims)) {
      for (std::size_t i = 0; i < claims.size(); ++i) {
        for (std::size_t j = i + 1; j < claims.size(); ++j) {
          const auto kind =
              Relation(store, claims[i], claims[j], is_mutable, options.same_period_days);
          if (kind) result.SetEdge(claims[i], claims[j], {*kind, 0});
        }
      }
      continue;
    }
    // Large propositions: a path through each state's claims in time order, and conflicts
    // between the earliest claims of each pair of states.
    std::map<std::uint32_t, std::uint32_t> previous_of_state;
    std::map<std::uint32_t, std::uint32_t> first_of_state;
    for (std::uint32_t c : claims) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      const auto [it, inserted] = previous_of_state.try_emplace(state[c], c);
      if (inserted) {
        first_of_state.emplace(state[c], c);
        continue;
      }
      const EdgeKind kind = store.claim_group()[it->second] == store.claim_group()[c]
                                ? EdgeKind::kRelays
                                : EdgeKind::kAgrees;
      result.SetEdge(it->second, c, {kind, 0});
      it->second = c;
    }
    for (auto i = first_of_state.begin(); i != first_of_state.end(); ++i) {
      for (auto j = std::next(i); j != first_of_state.end(); ++j) {
        result.SetEdge(i->second, j->second, {EdgeKind::kConflicts, 0});
      }
    }
  }
  return result;
}

void ConsistencyGraph::AddSupersessions(const std::vector<Supersession>& supersessions) {
  for (const Supersession& event : supersessions) {
    for (std::uint32_t newer : event.establishing_claims) {
      for (std::uint32_t older : event.superseded_claims) {
        SetEdge(newer, older, {EdgeKind::kSupersedes, newer});
      }
    }
  }
}

std::size_t ConsistencyGraph::CountEdges(EdgeKind kind) const {
  std::size_t count = 0;
  for (const auto edge : boost::make_iterator_range(boost::edges(graph_))) {
    if (graph_[edge].kind == kind) ++count;
  }
  return count;
}

std::vector<ConsistencyGraph::Edge> ConsistencyGraph::Edges() const {
  std::vector<Edge> edges;
  edges.reserve(boost::num_edges(graph_));
  for (const auto edge : boost::make_iterator_range(boost::edges(graph_))) {
    auto a = static_cast<std::uint32_t>(boost::source(edge, graph_));
    auto b = static_cast<std::uint32_t>(boost::target(edge, graph_));
    if (a > b) std::swap(a, b);
    edges.push_back({a, b, graph_[edge]});
  }
  std::sort(edges.begin(), edges.end(),
            [](const Edge& x, const Edge& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
  return edges;
}

std::vector<std::uint32_t> ConsistencyGraph::Components(std::size_t* num_components) const {
  std::vector<int> raw(boost::num_vertices(graph_));
  boost::connected_components(graph_, raw.data());
  // Renumber by first appearance so that numbering follows claim order.
  std::vector<std::uint32_t> component(raw.size());
  std::map<int, std::uint32_t> renumber;
  for (std::size_t v = 0; v < raw.size(); ++v) {
    const auto [it, inserted] =
        renumber.try_emplace(raw[v], static_cast<std::uint32_t>(renumber.size()));
    component[v] = it->second;
  }
  if (num_components != nullptr) *num_components = renumber.size();
  return component;
}

}  // namespace credence

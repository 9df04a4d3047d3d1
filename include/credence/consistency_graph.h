// The consistency graph: claims are vertices, and edges say how two claims of one proposition
// relate (agrees, conflicts, supersedes, relays). Built with Boost.Graph; its connected
// components are the independent sub-problems, apart from the sources they share.
#ifndef CREDENCE_CONSISTENCY_GRAPH_H_
#define CREDENCE_CONSISTENCY_GRAPH_H_

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

#include "credence/claim_store.h"
#include "credence/result.h"

namespace credence {

enum class EdgeKind : std::uint8_t { kAgrees, kConflicts, kSupersedes, kRelays };
std::string_view ToString(EdgeKind kind);

struct EdgeProperties {
  EdgeKind kind = EdgeKind::kAgrees;
  // For kSupersedes, the newer (establishing) claim; the other end is the overtaken one.
  std::uint32_t newer_claim = 0;
};

struct GraphOptions {
  // Two claims on a mutable predicate are in "the same period of the world" when their as_of
  // dates are at most this many days apart; farther apart, a different value may be a change of
  // the world rather than a conflict, which only the solver can decide (supersedes edges).
  int same_period_days = 31;
  // Above this many claims, a proposition's agreeing claims are linked as a path in time order
  // and conflicts only between each value's earliest claims, so that edges grow linearly.
  int max_pairwise_claims = 64;
};

class ConsistencyGraph {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                      boost::no_property, EdgeProperties>;

  struct Edge {
    std::uint32_t a = 0;  // a < b
    std::uint32_t b = 0;
    EdgeProperties properties;
  };

  // Agrees, conflicts and relays edges, which need no solver.
  static ConsistencyGraph Build(const ClaimStore& store, const GraphOptions& options = {});

  // Adds a supersedes edge from every establishing to every overtaken claim of each event,
  // replacing any edge the pair had.
  void AddSupersessions(const std::vector<Supersession>& supersessions);

  const Graph& graph() const { return graph_; }
  std::size_t num_vertices() const { return boost::num_vertices(graph_); }
  std::size_t num_edges() const { return boost::num_edges(graph_); }
  std::size_t CountEdges(EdgeKind kind) const;

  // Every edge once, sorted by (a, b): the order does not depend on insertion history.
  std::vector<Edge> Edges() const;

  // Component index of every claim, numbered by first appearance in claim order.
  std::vector<std::uint32_t> Components(std::size_t* num_components) const;

 private:
  void SetEdge(std::uint32_t a, std::uint32_t b, EdgeProperties properties);

  Graph graph_;
};

}  // namespace credence

#endif  // CREDENCE_CONSISTENCY_GRAPH_H_

#include "credence/consistency_graph.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace credence {
namespace {

using testing::DocumentBuilder;

ClaimStore ExampleStore() {
  // Proposition x (static): 0 and 1 agree, 2 conflicts with both, 3 relays 4 (same upstream).
  // Proposition y (mutable): 5 and 6 are 200 days apart with different values: no edge before
  // solving, since the world may have changed in between.
  return DocumentBuilder()
      .Outlet("A")
      .Outlet("B")
      .Outlet("C")
      .Outlet("D")
      .Outlet("E")
      .Outlet("up")
      .Predicate("p", ValueKind::kBoolean)
      .Predicate("m", ValueKind::kBoolean, true)
      .Claim("A", "x", "p", Value::Boolean(true))
      .Claim("B", "x", "p", Value::Boolean(true))
      .Claim("C", "x", "p", Value::Boolean(false))
      .Claim("D", "x", "p", Value::Boolean(true), 0, {"up"})
      .Claim("E", "x", "p", Value::Boolean(true), 0, {"up"})
      .Claim("A", "y", "m", Value::Boolean(false), 0)
      .Claim("B", "y", "m", Value::Boolean(true), 200)
      .Store();
}

TEST(ConsistencyGraph, EdgesBeforeSolving) {
  const ClaimStore store = ExampleStore();
  const ConsistencyGraph graph = ConsistencyGraph::Build(store);
  EXPECT_EQ(graph.num_vertices(), 7U);
  // Among claims 0, 1, 3, 4 (all true): 6 pairs, one of which (3, 4) relays.
  EXPECT_EQ(graph.CountEdges(EdgeKind::kAgrees), 5U);
  EXPECT_EQ(graph.CountEdges(EdgeKind::kRelays), 1U);
  EXPECT_EQ(graph.CountEdges(EdgeKind::kConflicts), 4U);  // 2 against each true claim
  EXPECT_EQ(graph.CountEdges(EdgeKind::kSupersedes), 0U);
  const auto edges = graph.Edges();
  ASSERT_FALSE(edges.empty());
  EXPECT_EQ(edges.front().a, 0U);
  EXPECT_EQ(edges.front().b, 1U);
  EXPECT_EQ(edges.front().properties.kind, EdgeKind::kAgrees);
}

TEST(ConsistencyGraph, ComponentsAndSupersessions) {
  const ClaimStore store = ExampleStore();
  ConsistencyGraph graph = ConsistencyGraph::Build(store);
  std::size_t count = 0;
  auto component = graph.Components(&count);
  EXPECT_EQ(count, 3U);  // x, and the two unconnected claims of y
  EXPECT_EQ(component[0], 0U);
  EXPECT_EQ(component[5], 1U);
  EXPECT_EQ(component[6], 2U);

  Supersession event;
  event.proposition = 1;
  event.superseded_claims = {5};
  event.establishing_claims = {6};
  graph.AddSupersessions({event});
  EXPECT_EQ(graph.CountEdges(EdgeKind::kSupersedes), 1U);
  component = graph.Components(&count);
  EXPECT_EQ(count, 2U);
  const auto edges = graph.Edges();
  EXPECT_EQ(edges.back().properties.kind, EdgeKind::kSupersedes);
  EXPECT_EQ(edges.back().properties.newer_claim, 6U);
}

TEST(ConsistencyGraph, LargePropositionsGrowLinearly) {
  DocumentBuilder builder;
  builder.Predicate("p", ValueKind::kBoolean);
  for (int i = 0; i < 100; ++i) {
    builder.Outlet("o" + std::to_string(i));
    builder.Claim("o" + std::to_string(i), "x", "p", Value::Boolean(i % 2 == 0), i);
  }
  GraphOptions options;
  options.max_pairwise_claims = 10;
  const ConsistencyGraph graph = ConsistencyGraph::Build(builder.Store(), options);
  // A path through each value's 50 claims, plus one conflict between the two values.
  EXPECT_EQ(graph.CountEdges(EdgeKind::kAgrees), 98U);
  EXPECT_EQ(graph.CountEdges(EdgeKind::kConflicts), 1U);
}

}  // namespace
}  // namespace credence

#include <gtest/gtest.h>

#include <cstddef>
#include <string>

#include "credence/consistency_graph.h"
#include "credence/input.h"
#include "credence/output.h"
#include "output/sample_report.h"

namespace credence {
namespace {

using testing::SampleReport;
using testing::SampleStore;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t Count(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

TEST(GraphToDotTest, OneClusterPerPropositionWithLabelledClaims) {
  const ClaimStore store = SampleStore();
  const ConsistencyGraph graph = ConsistencyGraph::Build(store);
  const std::string dot = GraphToDot(store, graph);
  EXPECT_EQ(dot.substr(0, 17), "graph credence {\n");
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
  EXPECT_EQ(Count(dot, "subgraph cluster_"), 2U);
  EXPECT_TRUE(Contains(dot, "  subgraph cluster_0 {\n    label=\"Syria / member_of\";\n"));
  EXPECT_TRUE(Contains(dot, "  subgraph cluster_1 {\n    label=\"Coalition / size\";\n"));
  EXPECT_TRUE(Contains(dot, "    c0 [label=\"a0/c1\\nnp\\nfalse\\nas of 2025-01-10\"];\n"));
  EXPECT_TRUE(Contains(dot, "    c6 [label=\"a6/c1\\nnp\\ntrue\\nas of 2025-04-16\"];\n"));
  for (int c = 0; c < 8; ++c) {
    EXPECT_EQ(Count(dot, "    c" + std::to_string(c) + " [label="), 1U) << c;
  }
  // Without a report nothing is coloured.
  EXPECT_FALSE(Contains(dot, "fillcolor"));
  EXPECT_FALSE(Contains(dot, "filled"));
}

TEST(GraphToDotTest, EdgeStylesByKind) {
  const ClaimStore store = SampleStore();
  ConsistencyGraph graph = ConsistencyGraph::Build(store);
  std::string dot = GraphToDot(store, graph);
  // Two days apart on one proposition: agree; the envoy's two relays share a group.
  EXPECT_TRUE(Contains(dot, "  c0 -- c1 [color=green, style=solid, tooltip=\"agrees\"];\n"));
  EXPECT_TRUE(Contains(dot, "  c3 -- c6 [color=blue, style=dotted, tooltip=\"relays\"];\n"));
  EXPECT_TRUE(Contains(dot, "  c4 -- c7 [color=red, style=dashed, tooltip=\"conflicts\"];\n"));
  EXPECT_FALSE(Contains(dot, "dir=forward"));

  graph.AddSupersessions(SampleReport().supersessions);
  dot = GraphToDot(store, graph);
  // From the establishing (newer) claim to the overtaken one, though c0 < c2.
  EXPECT_TRUE(Contains(
      dot, "  c2 -- c0 [color=black, style=bold, dir=forward, tooltip=\"supersedes\"];\n"));
  EXPECT_TRUE(Contains(dot, "  c6 -- c1 [color=black, style=bold, dir=forward"));
  EXPECT_FALSE(Contains(dot, "  c0 -- c2 "));
  EXPECT_EQ(Count(dot, "dir=forward"), 6U);  // 3 establishing x 2 overtaken
}

TEST(GraphToDotTest, ReportColoursByStatusAndAddsProbability) {
  const ClaimStore store = SampleStore();
  const ScoreReport report = SampleReport();
  const std::string dot = GraphToDot(store, ConsistencyGraph::Build(store), &report);
  EXPECT_TRUE(Contains(dot, "style=\"rounded,filled\""));
  EXPECT_TRUE(
      Contains(dot,
               "    c0 [label=\"a0/c1\\nnp\\nfalse\\nas of 2025-01-10\\np=0.95 superseded\", "
               "fillcolor=lightgrey];\n"));
  EXPECT_TRUE(Contains(dot, "\\np=0.97 confirmed\", fillcolor=palegreen];"));
  EXPECT_TRUE(Contains(dot, "\\np=0.1 contradicted\", fillcolor=salmon];"));
  EXPECT_TRUE(Contains(dot, "\\nunresolved (not scored)\", fillcolor=lightyellow];"));
}

TEST(GraphToDotTest, EscapesQuotesAndBackslashes) {
  ClaimsDocument document = testing::SampleDocument();
  for (ArticleRecord& article : document.articles) {
    for (ClaimRecord& claim : article.claims) {
      if (claim.subject == "Syria") claim.subject = "the \"new\" C:\\gov";
    }
  }
  const ClaimStore store = BuildClaimStore(document);
  const std::string dot = GraphToDot(store, ConsistencyGraph::Build(store));
  EXPECT_TRUE(Contains(dot, "    label=\"the \\\"new\\\" C:\\\\gov / member_of\";\n"));
}

TEST(GraphToDotTest, Deterministic) {
  const ClaimStore store = SampleStore();
  ConsistencyGraph graph = ConsistencyGraph::Build(store);
  const ScoreReport report = SampleReport();
  graph.AddSupersessions(report.supersessions);
  EXPECT_EQ(GraphToDot(store, graph, &report), GraphToDot(store, graph, &report));
}

}  // namespace
}  // namespace credence

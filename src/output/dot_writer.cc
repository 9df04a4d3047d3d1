// GraphViz DOT of the consistency graph: one cluster per proposition, claims as nodes, the four
// edge kinds drawn so that they can be told apart in black and white too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

#include "credence/output.h"
#include "output/value_json.h"

namespace credence {
namespace {

// A DOT double-quoted string: quotes and backslashes escaped, line breaks as DOT's "\n".
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

std::string_view FillColour(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::kConfirmed:
      return "palegreen";
    case ClaimStatus::kContradicted:
      return "salmon";
    case ClaimStatus::kSuperseded:
      return "lightgrey";
    case ClaimStatus::kUnresolved:
      return "lightyellow";
  }
  return "white";
}

std::string_view EdgeStyle(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kAgrees:
      return "color=green, style=solid";
    case EdgeKind::kConflicts:
      return "color=red, style=dashed";
    case EdgeKind::kRelays:
      return "color=blue, style=dotted";
    case EdgeKind::kSupersedes:
      return "color=black, style=bold, dir=forward";
  }
  return "style=solid";
}

std::string Node(std::uint32_t claim) { return "c" + std::to_string(claim); }

std::string ScoreText(const ClaimScore& score) {
  const std::string status(ToString(score.status));
  if (!score.probability) {
    return status + " (not scored)";
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "p=%.3g ", *score.probability);
  return buffer + status;
}

}  // namespace

std::string GraphToDot(const ClaimStore& store, const ConsistencyGraph& graph,
                       const ScoreReport* report) {
  if (report != nullptr) {
    output_internal::CheckReportMatches(store, *report);
  }
  std::string out = "graph credence {\n";
  out += "  node [shape=box, style=\"rounded";
  out += report != nullptr ? ",filled" : "";
  out += "\", fontname=\"Helvetica\"];\n";
  out += "  edge [fontname=\"Helvetica\"];\n";
  out += "  fontname=\"Helvetica\";\n";
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    out += "  subgraph cluster_" + std::to_string(p) + " {\n";
    out +=
        "    label=" + Quoted(store.propositions()[p].subject + " / " + store.PredicateOf(p).id) +
        ";\n";
    for (std::uint32_t c : store.ClaimsOfProposition(p)) {
      const ClaimRecord record = store.claim_record(c);
      std::string label = record.id + "\n" + store.outlets()[store.claim_outlet()[c]].id + "\n" +
                          record.value.ToDisplay() + "\nas of " +
                          FormatIsoDay(store.claim_day()[c]);
      std::string attributes;
      if (report != nullptr) {
        const ClaimScore& score = report->claims[c];
        label += "\n" + ScoreText(score);
        attributes = ", fillcolor=" + std::string(FillColour(score.status));
      }
      out += "    " + Node(c) + " [label=" + Quoted(label) + attributes + "];\n";
    }
    out += "  }\n";
  }
  for (const ConsistencyGraph::Edge& edge : graph.Edges()) {
    std::uint32_t from = edge.a;
    std::uint32_t to = edge.b;
    // The arrow points from the claim that establishes the new state to the one it overtakes.
    if (edge.properties.kind == EdgeKind::kSupersedes && edge.properties.newer_claim == edge.b) {
      std::swap(from, to);
    }
    out += "  " + Node(from) + " -- " + Node(to) + " [" +
           std::string(EdgeStyle(edge.properties.kind)) +
           ", tooltip=" + Quoted(ToString(edge.properties.kind)) + "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace credence

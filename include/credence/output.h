// Writing results: scores documents, terminal summaries and GraphViz DOT. Files are written
// through WriteFileAtomically (credence/atomic_file.h), so that a reader never sees a
// half-written output.
#ifndef CREDENCE_OUTPUT_H_
#define CREDENCE_OUTPUT_H_

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "credence/atomic_file.h"  // WriteFileAtomically, for every writer that targets a file
#include "credence/claim_store.h"
#include "credence/consistency_graph.h"
#include "credence/result.h"

namespace credence {

// The scores document of the data contract (schema_version "1"), pretty-printed, floats written
// with enough digits to round-trip. Deterministic: timings appear only under summary.timings.
std::string ScoresToJson(const ClaimStore& store, const ScoreReport& report);
// The same bytes streamed to `out`, one claim at a time: for millions of claims, where the whole
// document would not fit in memory.
void WriteScoresJson(const ClaimStore& store, const ScoreReport& report, std::ostream& out);

// A terminal summary: outlets by reliability with intervals, each proposition's timeline, and
// the supersession events.
std::string FormatSummary(const ClaimStore& store, const ScoreReport& report);

// GraphViz DOT of the consistency graph, one cluster per proposition; with a report, claims are
// coloured by status and labelled with their probability.
std::string GraphToDot(const ClaimStore& store, const ConsistencyGraph& graph,
                       const ScoreReport* report = nullptr);

}  // namespace credence

#endif  // CREDENCE_OUTPUT_H_

// Readers and writers: claims documents in, scores documents, terminal summaries and GraphViz
// DOT out. Every writer that targets a file writes a temporary file and renames it, so that a
// reader never sees a half-written output.
#ifndef CREDENCE_IO_H_
#define CREDENCE_IO_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "credence/claim_store.h"
#include "credence/consistency_graph.h"
#include "credence/document.h"
#include "credence/result.h"

namespace credence {

struct ReadOptions {
  // Dates outside these years are rejected as absurd.
  int min_year = 1800;
  int max_year = 2200;
  // Larger inputs are refused before being read.
  std::size_t max_input_bytes = std::size_t{1} << 31;
};

// Reads a claims document ("-" for standard input). Throws InputError listing every problem
// found as "file: /json/pointer: what was expected". Warnings (e.g. an undated article) are
// returned in ClaimsDocument::warnings.
ClaimsDocument ReadClaimsDocument(const std::string& path, const ReadOptions& options = {});
ClaimsDocument ParseClaimsDocument(std::string_view text, const std::string& source_name,
                                   const ReadOptions& options = {});

// Reads the whole file, or standard input for "-". Throws InputError when it cannot.
std::string ReadInputBytes(const std::string& path, std::size_t max_bytes);

// "sha256:<64 hex digits>".
std::string Sha256Digest(std::string_view bytes);

// The scores document of the data contract (schema_version "1"), pretty-printed, floats written
// with enough digits to round-trip. Deterministic: timings appear only under summary.timings.
std::string ScoresToJson(const ClaimStore& store, const ScoreReport& report);

// A terminal summary: outlets by reliability with intervals, each proposition's timeline, and
// the supersession events.
std::string FormatSummary(const ClaimStore& store, const ScoreReport& report);

// GraphViz DOT of the consistency graph, one cluster per proposition; with a report, claims are
// coloured by status and labelled with their probability.
std::string GraphToDot(const ClaimStore& store, const ConsistencyGraph& graph,
                       const ScoreReport* report = nullptr);

// Writes `content` to `path` through a temporary file in the same directory and a rename;
// "-" writes to standard output. Throws std::runtime_error naming the path on failure.
void WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace credence

#endif  // CREDENCE_IO_H_

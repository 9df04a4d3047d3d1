// Reading claims: documents, JSON Lines and the public data sets' tables, into a claims
// document or straight into a claim store, with every problem located (file, line, JSON pointer).
#ifndef CREDENCE_INPUT_H_
#define CREDENCE_INPUT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credence/claim_store.h"
#include "credence/document.h"
#include "credence/error.h"

namespace credence {

// What a tabular reader (crowd CSV and TSV, the population table) does with a row whose worker
// already answered its item (docs/format.md, "Repeated answers").
enum class DuplicateAnswers {
  kVote,   // every row is a vote, as crowd-kit counts them (the default); one warning counts them
  kFirst,  // the first answer of each (item, worker) pair is kept, later ones left out
  kLast,   // the last answer of each pair is kept
  kError,  // a repeated pair is an error at its later line, naming the first
};
std::string_view ToString(DuplicateAnswers duplicates);
std::optional<DuplicateAnswers> ParseDuplicateAnswers(std::string_view name);

struct ReadOptions {
  // Repeated (item, worker) rows in tabular inputs.
  DuplicateAnswers duplicates = DuplicateAnswers::kVote;
  // Every warning of the reader (an unknown key, a normalised date, look-alike ids, ...) is an
  // error instead.
  bool strict = false;
  // Dates outside these years are rejected as absurd.
  int min_year = 1800;
  int max_year = 2200;
  // Larger inputs are refused before being read.
  std::size_t max_input_bytes = std::size_t{1} << 31;
  // Streaming readers (tabular formats) hold one line at a time, never the whole input, and
  // refuse a line longer than this.
  std::size_t max_line_bytes = std::size_t{1} << 20;
  // Limits that turn an absurd input into a clear error instead of memory or time exhaustion;
  // docs/robustness.md lists them with the messages users see.
  // Any id, or reference to one (outlet, predicate, article, claim, via source).
  std::size_t max_id_bytes = 1024;
  // Any other string: subject, quote, title, name, ... (64 KiB).
  std::size_t max_string_bytes = std::size_t{1} << 16;
  // Sources in one claim's via chain.
  std::size_t max_via_entries = 1000;
  // Distinct values claimed for one proposition (subject, predicate).
  std::size_t max_values_per_proposition = 10000;
  // Claims in one document.
  std::size_t max_claims = 20'000'000;
  // Arrays and objects within each other (a claims document needs fewer than 10).
  std::size_t max_nesting_depth = 64;
};

// Reads a claims document ("-" for standard input). Throws InputError listing every problem
// found as "file: /json/pointer: what was expected". Warnings (e.g. an undated article) are
// returned in ClaimsDocument::warnings.
ClaimsDocument ReadClaimsDocument(const std::string& path, const ReadOptions& options = {});
ClaimsDocument ParseClaimsDocument(std::string_view text, const std::string& source_name,
                                   const ReadOptions& options = {});

// Input formats. Names on the command line: auto, json, jsonl, crowd-csv, crowd-tsv, book,
// population.
enum class InputFormat {
  kAuto,           // detect by content
  kClaimsJson,     // the claims document of the data contract
  kCrowdCsv,       // item,worker,label with a header line (Zheng et al.'s crowd data sets)
  kCrowdTsv,       // item<TAB>worker<TAB>label without header (SpectralMethodsMeetEM)
  kPopulationCsv,  // "ObjectID","PropertyID","PropertyValue","SourceID","TimeStamp"
  kClaimsJsonl,    // JSON Lines: a header line, then one claim per line (bulk loads)
  kBookTsv,        // store<TAB>isbn<TAB>title<TAB>authors (Book-Author), lists normalised
};
std::string_view ToString(InputFormat format);
std::optional<InputFormat> ParseInputFormat(std::string_view name);
// The format of a file judged by its content (and, for ties, its name); throws InputError when
// no format fits.
InputFormat DetectInputFormat(const std::string& path);

// Reads any supported format as a claims document (JSON Lines excepted: they load only into a
// store, through LoadClaimStore). Tabular formats become one outlet per worker
// or source, one proposition per item, one category claim per row; errors name file and line.
ClaimsDocument ReadInput(const std::string& path, InputFormat format,
                         const ReadOptions& options = {});

// Reads any supported format straight into a claim store by the fastest path for the format:
// tabular and JSON Lines inputs stream into the store without an intermediate document.
// Warnings (e.g. an undated article) are appended to `warnings` when it is not null.
// `detected`, when not null, receives the format read (the detected one for kAuto). The input is
// opened once: pipes, FIFOs and standard input work with kAuto.
ClaimStore LoadClaimStore(const std::string& path, InputFormat format,
                          const ReadOptions& options = {},
                          std::vector<Diagnostic>* warnings = nullptr,
                          InputFormat* detected = nullptr);

// A gold value for one proposition, as text comparable with Value::ToDisplay() of the
// proposition's candidate values (after the same normalisation the importer applies); eval
// types it by the predicate's value_kind (credence/eval.h).
struct TruthRecord {
  std::string subject;
  std::string predicate;
  std::string value;
  // The value held on this date; none: the value the record ends with.
  std::optional<Date> date = std::nullopt;
  Location where = {};  // the gold file and line, for messages
};
// Reads the gold file that goes with a data set of `format` ("question,truth" CSV with a header,
// item<TAB>label TSV, the population truth CSV).
std::vector<TruthRecord> ReadTruth(const std::string& path, InputFormat format);

// Turns warnings into errors: with ReadOptions::strict, throws InputError listing them as errors
// when there is any.
void ThrowIfStrict(const std::vector<Diagnostic>& warnings, const ReadOptions& options);

// Reads the whole file, or standard input for "-". Throws InputError when it cannot.
std::string ReadInputBytes(const std::string& path, std::size_t max_bytes);

// "sha256:<64 hex digits>".
std::string Sha256Digest(std::string_view bytes);

}  // namespace credence

#endif  // CREDENCE_INPUT_H_

// The persistent store of the newsroom service: a SQLite file (WAL mode, schema versioned with
// migrations) holding outlets, predicates, articles with every revision, their claims, and every
// scoring run with its options, engine version, input digest and results. docs/service.md
// describes the tables.
//
// Articles are kept as written (their canonical JSON), so that ExportDocument gives back a
// claims document equivalent to everything ingested, extension keys included; the claims table
// indexes their claims for look-ups. A Database is one connection: use one per thread (one
// writer, any number of readers; WAL lets readers go on while the writer writes).
#ifndef CREDENCE_DATABASE_H_
#define CREDENCE_DATABASE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "credence/error.h"
#include "credence/input.h"

namespace credence {

// The store cannot be opened, is of a newer schema, or SQLite failed (a full disk, a lock held
// too long). The message names the file.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class IngestOutcome : std::uint8_t {
  kNew,        // an article id the store did not have
  kRevised,    // a known id whose content changed: a new revision, the old ones kept
  kUnchanged,  // the same content as the latest revision: nothing written
};
std::string_view ToString(IngestOutcome outcome);

struct IngestedArticle {
  std::string id;
  IngestOutcome outcome = IngestOutcome::kNew;
  int revision = 1;                    // the revision now in force
  std::vector<std::string> claim_ids;  // its claims, in document order
};

struct IngestResult {
  std::vector<IngestedArticle> articles;
  std::vector<Diagnostic> warnings;  // as `validate` prints them
  // True when some article was new or revised.
  bool Changed() const;
};

// One outlet's reliability in a run, for the history of its reliability over runs.
struct OutletReliability {
  std::string outlet;
  double reliability = 0.0;
  double interval_low = 0.0;
  double interval_high = 0.0;
};

// What a scoring run records.
struct RunInput {
  std::string mode = "full";    // "full" (a refit of the whole store) or "incremental"
  std::string fallback_reason;  // why an incremental update fell back to a full refit
  std::string options_json;     // the solver options, as JSON
  std::string input_digest;     // the digest of the exported document that was scored
  std::int64_t num_claims = 0;
  double solve_seconds = 0.0;  // wall time of the whole refit (load, solve, write)
  std::string scores_json;     // the scores document, as `credence score` writes it
  std::vector<OutletReliability> outlets;
};

struct RunRecord {
  std::int64_t id = 0;
  std::string created_at;  // UTC, ISO 8601
  std::string mode;
  std::string fallback_reason;
  std::string options_json;
  std::string engine_version;
  std::string input_digest;
  std::int64_t num_claims = 0;
  double solve_seconds = 0.0;
};

struct HistoryPoint {
  std::int64_t run = 0;
  std::string created_at;
  double reliability = 0.0;
  double interval_low = 0.0;
  double interval_high = 0.0;
};

// A claim of the latest revision of its article, as stored.
struct StoredClaim {
  std::string id;
  std::string article;
  int revision = 1;
  std::string outlet;      // the article's publisher
  std::string claim_json;  // the claim object as written (canonical JSON)
  std::string ingested_at;
};

struct StoreStats {
  std::int64_t outlets = 0;
  std::int64_t predicates = 0;
  std::int64_t articles = 0;
  std::int64_t revisions = 0;
  std::int64_t claims = 0;  // of the latest revisions
  std::int64_t runs = 0;
  std::int64_t file_bytes = 0;  // the main file (the WAL file aside)
};

class Database {
 public:
  // The schema this build writes; Open migrates older stores up to it.
  static constexpr int kSchemaVersion = 1;

  // Opens the store, creating an empty one when the file does not exist, and migrates its
  // schema. Read-only opens neither create nor migrate (and refuse an out-of-date schema).
  // Throws DatabaseError (a newer schema, not a credence store, a file SQLite cannot open).
  static Database Open(const std::string& path, bool read_only = false);
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  const std::string& path() const;
  int SchemaVersion() const;

  // Adds a claims document, validated as `credence validate` does (the same located errors,
  // thrown as InputError naming `source_name` and JSON pointers into `text`). Outlets and
  // predicates already in the store need not be declared again. The document goes in one
  // transaction: on any error nothing of it is written. Also refused: a predicate declared with
  // another definition than the store's, and a claim id that another article already uses.
  IngestResult Ingest(std::string_view text, const std::string& source_name,
                      const ReadOptions& options = {});

  // The store as one claims document: every outlet (declared explicitly), every predicate as
  // declared, the latest revision of every article in order of first ingestion. Deterministic.
  std::string ExportDocument() const;

  std::int64_t RecordRun(const RunInput& run);
  std::optional<RunRecord> LatestRun() const;
  std::optional<RunRecord> FindRun(std::int64_t id) const;
  std::optional<std::string> RunScores(std::int64_t id) const;
  // Newest first; `before` a run id for the next page.
  std::vector<RunRecord> Runs(std::size_t limit, std::optional<std::int64_t> before) const;
  // The outlet's reliability in every run, newest first.
  std::vector<HistoryPoint> OutletHistory(std::string_view outlet, std::size_t limit,
                                          std::optional<std::int64_t> before) const;
  std::optional<StoredClaim> FindClaim(std::string_view id) const;
  // The revisions of an article, oldest first (each its canonical JSON); empty when unknown.
  std::vector<std::string> ArticleRevisions(std::string_view id) const;
  StoreStats Stats() const;

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace credence

#endif  // CREDENCE_DATABASE_H_

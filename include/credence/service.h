// The newsroom service: an HTTP JSON API over a store (credence/database.h). Articles are
// posted as claims documents; each post that changes the store refits it and records the run;
// reads answer from the latest run. docs/service.md is the API reference.
#ifndef CREDENCE_SERVICE_H_
#define CREDENCE_SERVICE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "credence/database.h"
#include "credence/solver.h"

namespace credence {

// The solver options that change results (threads do not), as JSON: what a run records.
std::string SolverOptionsJson(const SolverOptions& options);

// A refit of the whole store: the exported document scored exactly as `credence score` scores
// it (the same bytes, apart from the input's name and the timings), recorded as a run.
struct RefitResult {
  RunRecord run;
  std::string scores_json;
};
// `source_name` is what the scores document gives as its input (engine.input);
// `fallback_reason`, recorded with the run, says why an update was not incremental. Throws
// InputError when the store's document does not read back (it always should), DatabaseError.
RefitResult RefitStore(Database& database, const SolverOptions& options,
                       const std::string& source_name, const std::string& fallback_reason = "");

// What the time-travel and counterfactual query parameters ask for: the scores of the store's
// claims published up to `as_of` (a replay of what the evidence then said), or without every
// article of `exclude_outlet` and every claim it is the content source of.
struct ScoreQuery {
  std::optional<std::string> as_of;  // an ISO date
  std::optional<std::string> exclude_outlet;
};
// Filters the store's exported document by `query` and scores it. Throws InputError when
// `as_of` is not a date.
std::string ScoreFiltered(const std::string& document_text, const ScoreQuery& query,
                          const SolverOptions& options, const std::string& source_name);

struct ServiceOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Service::port)
  // Writes need "Authorization: Bearer <write_token>". Empty: writes are open, which Start
  // allows only on a loopback address.
  std::string write_token;
  std::string read_token;  // empty: reads are open
  std::size_t max_body_bytes = std::size_t{16} << 20;
  int read_timeout_seconds = 5;   // a client slower than this to send its request is cut off
  int write_timeout_seconds = 5;  // ... or to take the response
  // Requests handled at once (the worker threads); more wait for a worker.
  int max_concurrent_requests = 32;
  SolverOptions solver;
};

class Service {
 public:
  // Opens the store (creating it when missing) and refits it when its latest run is not of its
  // current claims. Throws DatabaseError, std::invalid_argument for unusable options.
  explicit Service(ServiceOptions options);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Binds the address and port; throws std::runtime_error when it cannot.
  void Bind();
  int port() const;
  // Serves until Stop() (from another thread or a signal handler's thread).
  void Listen();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace credence

#endif  // CREDENCE_SERVICE_H_

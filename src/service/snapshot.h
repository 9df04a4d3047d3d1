// What the read endpoints answer from: the scores document of one run, parsed once and indexed
// by outlet and claim id. Immutable once built; a new run makes a new snapshot.
#ifndef CREDENCE_SERVICE_SNAPSHOT_H_
#define CREDENCE_SERVICE_SNAPSHOT_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "credence/database.h"

namespace credence::service_internal {

struct Snapshot {
  Snapshot(RunRecord run_record, std::string scores);

  RunRecord run;
  std::string scores_text;  // as `credence score` writes it
  nlohmann::json scores;
  std::unordered_map<std::string, std::size_t> outlet_index;
  std::unordered_map<std::string, std::size_t> claim_index;
  std::string etag;  // a strong validator: one per run

  // The HTML report, drawn on first request.
  const std::string& ReportHtml() const;

 private:
  mutable std::once_flag report_once_;
  mutable std::string report_html_;
};

}  // namespace credence::service_internal

#endif  // CREDENCE_SERVICE_SNAPSHOT_H_

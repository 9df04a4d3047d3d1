#include "service/snapshot.h"

#include <string>
#include <utility>

#include "credence/report.h"

namespace credence::service_internal {

Snapshot::Snapshot(RunRecord run_record, std::string scores_json)
    : run(std::move(run_record)),
      scores_text(std::move(scores_json)),
      scores(nlohmann::json::parse(scores_text)),
      etag("\"run-" + std::to_string(run.id) + "\"") {
  const nlohmann::json& outlets = scores.at("outlets");
  for (std::size_t i = 0; i < outlets.size(); ++i) {
    outlet_index.emplace(outlets[i].at("id").get<std::string>(), i);
  }
  const nlohmann::json& claims = scores.at("claims");
  for (std::size_t i = 0; i < claims.size(); ++i) {
    claim_index.emplace(claims[i].at("id").get<std::string>(), i);
  }
}

const std::string& Snapshot::ReportHtml() const {
  std::call_once(report_once_, [this] {
    ReportOptions options;
    options.title = "credence: the newsroom store, run " + std::to_string(run.id);
    report_html_ = credence::ReportHtml(scores_text, "run " + std::to_string(run.id), options);
  });
  return report_html_;
}

}  // namespace credence::service_internal

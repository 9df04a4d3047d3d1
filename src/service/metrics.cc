#include "service/metrics.h"

#include <cstddef>
#include <sstream>
#include <string>

namespace credence::service_internal {

void Metrics::Record(const std::string& route, int status, double seconds) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Histogram& histogram = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

std::string Metrics::Text(
    const std::map<std::string, std::pair<std::string, double>>& gauges) const {
  std::ostringstream out;
  out.precision(9);
  const std::lock_guard<std::mutex> lock(mutex_);
  out << "# HELP credence_http_requests_total Requests answered, by route and status.\n"
         "# TYPE credence_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out << "credence_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << count << '\n';
  }
  out << "# HELP credence_http_request_duration_seconds Time to answer a request, by route.\n"
         "# TYPE credence_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    const std::string name = "credence_http_request_duration_seconds";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << name << "_bucket{route=\"" << route << "\",le=\"" << kBuckets[i] << "\"} "
          << histogram.buckets[i] << '\n';
    }
    out << name << "_bucket{route=\"" << route << "\",le=\"+Inf\"} " << histogram.count << '\n';
    out << name << "_sum{route=\"" << route << "\"} " << histogram.sum << '\n';
    out << name << "_count{route=\"" << route << "\"} " << histogram.count << '\n';
  }
  for (const auto& [name, help_and_value] : gauges) {
    out << "# HELP " << name << ' ' << help_and_value.first << "\n# TYPE " << name << " gauge\n"
        << name << ' ' << help_and_value.second << '\n';
  }
  return out.str();
}

}  // namespace credence::service_internal

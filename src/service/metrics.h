// Request counters and latency histograms per route, written in the Prometheus text format.
#ifndef CREDENCE_SERVICE_METRICS_H_
#define CREDENCE_SERVICE_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace credence::service_internal {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf implied).
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.5,   2.5};

  void Record(const std::string& route, int status, double seconds);
  // Counters and histograms, then `gauges` (name -> value, with their HELP texts) as given.
  std::string Text(const std::map<std::string, std::pair<std::string, double>>& gauges) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0.0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace credence::service_internal

#endif  // CREDENCE_SERVICE_METRICS_H_

#include "triad.h"

#include <algorithm>
#include <barrier>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace credence::bench {

TriadResult MeasureTriad(std::size_t array_bytes, int threads, int repetitions) {
  threads = std::max(threads, 1);
  repetitions = std::max(repetitions, 1);
  const std::size_t n = array_bytes / sizeof(double);
  // Uninitialised storage: each thread first touches its own slice, so pages land near it.
  const std::unique_ptr<double[]> a(new double[n]);
  const std::unique_ptr<double[]> b(new double[n]);
  const std::unique_ptr<double[]> c(new double[n]);
  const double scalar = 3.0;

  std::vector<double> pass_seconds(static_cast<std::size_t>(repetitions), 0.0);
  std::barrier sync(threads);
  std::chrono::steady_clock::time_point start;
  const auto worker = [&](int t) {
    const std::size_t begin = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
    const std::size_t end = n * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
    double* const pa = a.get();
    const double* const pb = b.get();
    const double* const pc = c.get();
    for (std::size_t i = begin; i < end; ++i) {
      a[i] = 0.0;
      b[i] = 1.0;
      c[i] = 2.0;
    }
    for (int r = 0; r < repetitions; ++r) {
      sync.arrive_and_wait();
      if (t == 0) start = std::chrono::steady_clock::now();
      sync.arrive_and_wait();
      for (std::size_t i = begin; i < end; ++i) pa[i] = pb[i] + scalar * pc[i];
      sync.arrive_and_wait();
      if (t == 0) {
        pass_seconds[static_cast<std::size_t>(r)] =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
    worker(0);
  }
  // Keep the stores observable so that the loop cannot be dropped.
  volatile double sink = a[n / 2];
  (void)sink;

  TriadResult result;
  result.threads = threads;
  result.array_bytes = n * sizeof(double);
  result.repetitions = repetitions;
  result.best_seconds = *std::min_element(pass_seconds.begin(), pass_seconds.end());
  result.best_gb_per_s = 3.0 * static_cast<double>(result.array_bytes) / result.best_seconds / 1e9;
  return result;
}

}  // namespace credence::bench

// A static-partition parallel loop. Each index is handled by exactly one thread and results are
// written to per-index slots, so output never depends on the number of threads.
#ifndef CREDENCE_UTIL_PARALLEL_H_
#define CREDENCE_UTIL_PARALLEL_H_

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace credence::internal {

// Calls body(begin, end, thread_index) on contiguous chunks of [0, n).
template <typename Body>
void ParallelFor(std::size_t n, int num_threads, const Body& body) {
  const std::size_t threads = std::min<std::size_t>(
      static_cast<std::size_t>(std::max(num_threads, 1)), std::max<std::size_t>(n, 1));
  if (threads <= 1) {
    body(std::size_t{0}, n, 0);
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  {
    std::vector<std::jthread> workers;
    workers.reserve(threads - 1);
    const auto run = [&](std::size_t t) {
      try {
        body(n * t / threads, n * (t + 1) / threads, static_cast<int>(t));
      } catch (...) {
        errors[t] = std::current_exception();
      }
    };
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(run, t);
    run(0);
  }
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace credence::internal

#endif  // CREDENCE_UTIL_PARALLEL_H_

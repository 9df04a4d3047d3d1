// Deterministic parallel sums: [0, n) is cut into chunks whose boundaries depend only on n and
// the width of the partial sums, never on the number of threads. Each chunk accumulates into
// its own slot, and the slots are added in chunk order, so the result is bit-identical for any
// thread count.
#ifndef CREDENCE_UTIL_CHUNKED_REDUCE_H_
#define CREDENCE_UTIL_CHUNKED_REDUCE_H_

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "util/parallel.h"

namespace credence::internal {

class ChunkedReduce {
 public:
  // `items_per_chunk` items per chunk, fewer chunks if the partial sums of width `width` would
  // otherwise exceed about 64 MiB.
  ChunkedReduce(std::size_t num_items, std::size_t width, std::size_t items_per_chunk = 4096)
      : num_items_(num_items), width_(width) {
    constexpr std::size_t kMaxPartialDoubles = std::size_t{8} << 20;
    std::size_t chunks =
        (num_items + items_per_chunk - 1) / std::max<std::size_t>(items_per_chunk, 1);
    chunks = std::min(
        chunks, std::max<std::size_t>(1, kMaxPartialDoubles / std::max<std::size_t>(width, 1)));
    num_chunks_ = std::max<std::size_t>(chunks, 1);
    partials_.resize(num_chunks_ * width_);
  }

  std::size_t num_chunks() const { return num_chunks_; }

  // Calls body(begin, end, partial) for every chunk, partial zeroed and `width` long, on up to
  // `num_threads` threads; then writes the chunk-ordered sum of the partials to `total`.
  template <typename Body>
  void Run(int num_threads, const Body& body, std::span<double> total) {
    ParallelFor(num_chunks_, num_threads, [&](std::size_t first, std::size_t last, int) {
      for (std::size_t chunk = first; chunk < last; ++chunk) {
        const std::span<double> partial(partials_.data() + chunk * width_, width_);
        std::fill(partial.begin(), partial.end(), 0.0);
        body(num_items_ * chunk / num_chunks_, num_items_ * (chunk + 1) / num_chunks_, partial);
      }
    });
    std::fill(total.begin(), total.end(), 0.0);
    for (std::size_t chunk = 0; chunk < num_chunks_; ++chunk) {
      const double* partial = partials_.data() + chunk * width_;
      for (std::size_t j = 0; j < width_; ++j) total[j] += partial[j];
    }
  }

 private:
  std::size_t num_items_;
  std::size_t width_;
  std::size_t num_chunks_ = 1;
  std::vector<double> partials_;
};

}  // namespace credence::internal

#endif  // CREDENCE_UTIL_CHUNKED_REDUCE_H_

// A STREAM-style triad, a[i] = b[i] + s * c[i], to measure the machine's streaming memory
// bandwidth: the yardstick every iteration's time is compared with.
#ifndef CREDENCE_BENCH_TRIAD_H_
#define CREDENCE_BENCH_TRIAD_H_

#include <cstddef>

namespace credence::bench {

struct TriadResult {
  int threads = 1;
  std::size_t array_bytes = 0;  // each of a, b, c
  int repetitions = 0;
  double best_seconds = 0.0;
  // 24 bytes per element (read b and c, write a), STREAM's convention: the write-allocate read
  // of a is not counted.
  double best_gb_per_s = 0.0;
};

// Runs the triad over three arrays of `array_bytes` each (make them far larger than the last
// level cache), each thread on its own contiguous slice that it also first touched, and keeps
// the best of `repetitions` passes.
TriadResult MeasureTriad(std::size_t array_bytes, int threads, int repetitions);

}  // namespace credence::bench

#endif  // CREDENCE_BENCH_TRIAD_H_

// Registration of the Google Benchmark micro benchmarks, called from micro_main.cc with the
// sizes and thread count given on the command line.
#ifndef CREDENCE_BENCH_MICRO_H_
#define CREDENCE_BENCH_MICRO_H_

#include <cstdint>
#include <string>
#include <vector>

namespace credence::bench {

// Solver::Solve of every algorithm in SolverNames() on the crowd data of each size.
void RegisterSolverBenchmarks(const std::vector<std::int64_t>& sizes, int threads,
                              const std::string& cache);
// LoadClaimStore on the crowd CSV of `csv_rows` rows and on the claims document of `json_rows`
// claims (none when 0).
void RegisterLoaderBenchmarks(std::int64_t csv_rows, std::int64_t json_rows,
                              const std::string& cache);

}  // namespace credence::bench

#endif  // CREDENCE_BENCH_MICRO_H_

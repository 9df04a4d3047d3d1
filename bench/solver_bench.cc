// Per-iteration cost of every algorithm: Solver::Solve on the crowd data of issue 5, without
// explanations, timed as a whole and divided by the iterations the solver reports.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

#include "credence/input.h"
#include "credence/output.h"
#include "credence/solver.h"
#include "micro.h"
#include "support.h"

namespace credence::bench {
namespace {

// One store per size, loaded on first use and kept for every algorithm.
const ClaimStore& CrowdStore(std::int64_t claims, const std::string& cache) {
  static std::map<std::int64_t, std::unique_ptr<ClaimStore>> stores;
  std::unique_ptr<ClaimStore>& store = stores[claims];
  if (!store) {
    const CrowdFiles files = EnsureCrowdFiles(cache, claims, /*seed=*/1, /*with_json=*/false);
    store = std::make_unique<ClaimStore>(LoadClaimStore(files.answers_csv, InputFormat::kCrowdCsv));
  }
  return *store;
}

void BM_Solve(benchmark::State& state, const std::string& algorithm, std::int64_t claims,
              int threads, const std::string& cache) {
  const ClaimStore& store = CrowdStore(claims, cache);
  const std::unique_ptr<Solver> solver = CreateSolver(algorithm);
  SolverOptions options;
  options.algorithm = algorithm;
  options.explain_max_groups = 0;
  options.num_threads = threads;
  double seconds_per_iteration = 0.0;
  int iterations = 0;
  for (auto _ : state) {
    const Solution solution = solver->Solve(store, options);
    iterations = std::max(solution.summary.iterations, 1);
    seconds_per_iteration += solution.summary.solve_seconds / iterations;
    benchmark::DoNotOptimize(solution.claim_probability.data());
  }
  state.counters["iterations"] = iterations;
  // Seconds per solver iteration, averaged over the benchmark's repetitions of Solve.
  state.counters["s_per_iter"] =
      benchmark::Counter(seconds_per_iteration, benchmark::Counter::kAvgIterations);
  state.counters["claims"] = benchmark::Counter(static_cast<double>(store.num_claims()),
                                                benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

void RegisterSolverBenchmarks(const std::vector<std::int64_t>& sizes, int threads,
                              const std::string& cache) {
  for (const std::int64_t claims : sizes) {
    for (const std::string_view name : SolverNames()) {
      const std::string algorithm(name);
      benchmark::RegisterBenchmark(
          ("solve/" + algorithm + "/claims:" + std::to_string(claims) +
           "/threads:" + std::to_string(threads))
              .c_str(),
          [=](benchmark::State& state) { BM_Solve(state, algorithm, claims, threads, cache); })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime()
          ->MinTime(0.5);
    }
  }
}

}  // namespace credence::bench

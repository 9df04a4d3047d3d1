// LoadClaimStore from a file to a store: the crowd CSV, and the claims document and the JSON
// Lines of the same data for comparison.
#include <benchmark/benchmark.h>

#include <string>

#include "credence/input.h"
#include "credence/output.h"
#include "micro.h"
#include "support.h"

namespace credence::bench {
namespace {

void BM_Load(benchmark::State& state, const std::string& path, InputFormat format) {
  const auto bytes = FileBytes(path);
  std::size_t claims = 0;
  for (auto _ : state) {
    const ClaimStore store = LoadClaimStore(path, format);
    claims = store.num_claims();
    benchmark::DoNotOptimize(store.claim_state().data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
  state.counters["rows"] = benchmark::Counter(static_cast<double>(claims),
                                              benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MB"] = benchmark::Counter(static_cast<double>(bytes) / 1e6,
                                            benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

void RegisterLoaderBenchmarks(std::int64_t csv_rows, std::int64_t json_rows,
                              const std::string& cache) {
  if (csv_rows > 0) {
    const std::string path =
        EnsureCrowdFiles(cache, csv_rows, /*seed=*/1, /*with_json=*/false).answers_csv;
    benchmark::RegisterBenchmark(
        ("load/crowd-csv/rows:" + std::to_string(csv_rows)).c_str(),
        [=](benchmark::State& state) { BM_Load(state, path, InputFormat::kCrowdCsv); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MinTime(0.5);
  }
  if (json_rows > 0) {
    const CrowdFiles files = EnsureCrowdFiles(cache, json_rows, /*seed=*/1, /*with_json=*/true);
    const std::string document = files.claims_json;
    benchmark::RegisterBenchmark(
        ("load/claims-json/claims:" + std::to_string(json_rows)).c_str(),
        [=](benchmark::State& state) { BM_Load(state, document, InputFormat::kClaimsJson); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MinTime(0.5);
    const std::string lines = files.claims_jsonl;
    benchmark::RegisterBenchmark(
        ("load/claims-jsonl/claims:" + std::to_string(json_rows)).c_str(),
        [=](benchmark::State& state) { BM_Load(state, lines, InputFormat::kClaimsJsonl); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MinTime(0.5);
  }
}

}  // namespace credence::bench

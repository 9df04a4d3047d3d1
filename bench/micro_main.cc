// credence-bench: the Google Benchmark micro benchmarks. Besides Google Benchmark's own flags
// (--benchmark_filter=REGEX, --benchmark_format=json, ...) it takes
//   --claims=1e5,1e6      sizes of the crowd data for the solver benchmarks
//   --threads=N           SolverOptions::num_threads
//   --load-rows=1e6       rows of the crowd CSV for the loader benchmark (0: none)
//   --json-claims=1e6     claims of the claims document and JSON Lines for the loader benchmark
//                         (0: none)
//   --cache=DIR           where generated data are kept between runs
#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "micro.h"
#include "support.h"

int main(int argc, char** argv) {
  using namespace credence::bench;
  std::string claims = "1e5,1e6";
  std::string threads = "1";
  std::string load_rows = "1e6";
  std::string json_claims = "1e6";
  std::string cache = (std::filesystem::temp_directory_path() / "credence-bench").string();
  // Take our flags out of argv; the rest is Google Benchmark's.
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto take = [&](std::string_view flag, std::string* value) {
      if (arg.substr(0, flag.size()) != flag) return false;
      *value = std::string(arg.substr(flag.size()));
      return true;
    };
    if (!take("--claims=", &claims) && !take("--threads=", &threads) &&
        !take("--load-rows=", &load_rows) && !take("--json-claims=", &json_claims) &&
        !take("--cache=", &cache)) {
      rest.push_back(argv[i]);
    }
  }
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_count, rest.data())) return 1;
  try {
    const auto count_or_zero = [](const std::string& text) {
      return text == "0" ? std::int64_t{0} : ParseCount(text);
    };
    RegisterLoaderBenchmarks(count_or_zero(load_rows), count_or_zero(json_claims), cache);
    RegisterSolverBenchmarks(ParseCounts(claims), static_cast<int>(ParseCount(threads)), cache);
  } catch (const std::exception& error) {
    std::cerr << "credence-bench: " << error.what() << "\n";
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

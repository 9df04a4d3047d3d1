// credence-scale: the end-to-end scale run of docs/performance.md. For each size it generates
// the crowd data once into a cache folder, then measures each (size, algorithm, threads) in a
// fresh process of its own (this program with --measure), so that no run inherits another's
// heap or caches: load time, fit time, iterations, time per iteration against the bandwidth
// bound of the STREAM-style triad, resident memory and accuracy against the synthetic truth.
// Writes one JSON object per line and a markdown table.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "credence/input.h"
#include "credence/output.h"
#include "credence/solver.h"
#include "credence/synth.h"
#include "support.h"
#include "triad.h"

namespace credence::bench {
namespace {

using Json = nlohmann::ordered_json;

// The cost model of one iteration (docs/performance.md): each pass over the claims reads a
// proposition index, a source index and a state, 4 bytes each; an EM iteration makes two such
// passes (E and M), majority vote one. Each proposition's posterior (8 bytes a state) is written
// once and read once. Per-source tables (100 sources) stay in L1 and are not counted.
constexpr double kBytesPerClaimPass = 12.0;
constexpr double kBytesPerStatePerIteration = 16.0;

int PassesOf(const std::string& algorithm) { return algorithm == "majority-vote" ? 1 : 2; }

double Seconds(std::chrono::steady_clock::time_point from) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
}

// The most probable value of each item (the last segment of its timeline: the data are static,
// so there is one) compared with the truth; propositions are "item-<n>", values "v<k>".
double Accuracy(const ClaimStore& store, const Solution& solution,
                const std::vector<std::int32_t>& truth, std::int64_t* scored) {
  std::int64_t correct = 0;
  std::int64_t total = 0;
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const PropositionInfo& info = store.propositions()[p];
    const std::size_t dash = info.subject.rfind('-');
    if (dash == std::string::npos) continue;
    const std::size_t item = std::stoull(info.subject.substr(dash + 1)) - 1;
    if (item >= truth.size() || truth[item] < 0) continue;
    ++total;
    if (p >= solution.timelines.size() || solution.timelines[p].empty()) continue;
    const std::uint32_t state = solution.timelines[p].back().state;
    const auto values = store.ValuesOf(p);
    if (state < values.size() &&
        values[state].ToDisplay() == SynthValueText(static_cast<std::uint16_t>(truth[item]))) {
      ++correct;
    }
  }
  *scored = total;
  return total == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(total);
}

// The bytes a Solution holds, from the sizes of its vectors (the output, not solver state).
std::int64_t SolutionBytes(const Solution& s) {
  std::size_t bytes = (s.reliability.capacity() + s.true_weight.capacity() +
                       s.total_weight.capacity() + s.claim_probability.capacity()) *
                      sizeof(double);
  bytes += s.timelines.capacity() * sizeof(std::vector<StateSegment>);
  for (const auto& timeline : s.timelines) bytes += timeline.capacity() * sizeof(StateSegment);
  bytes += s.influences.capacity() * sizeof(std::vector<Influence>);
  for (const auto& influence : s.influences) bytes += influence.capacity() * sizeof(Influence);
  return static_cast<std::int64_t>(bytes);
}

// One measurement, in this (fresh) process; prints one JSON object.
int Measure(const std::string& csv, const std::string& truth_csv, const std::string& algorithm,
            int threads, int max_iterations) {
  const std::int64_t rss_start = ResidentBytes();
  auto start = std::chrono::steady_clock::now();
  const ClaimStore store = LoadClaimStore(csv, InputFormat::kCrowdCsv);
  const double load_seconds = Seconds(start);
  TrimHeap();
  const std::int64_t load_peak = PeakResidentBytes();
  const std::int64_t rss_before_solve = ResidentBytes();
  // ru_maxrss reads the same high-water mark that the reset clears, so take it first.
  const std::int64_t load_max_rss = MaxRssBytes();
  const bool peak_reset = ResetPeakResident();

  SolverOptions options;
  options.algorithm = algorithm;
  options.explain_max_groups = 0;
  options.num_threads = threads;
  if (max_iterations > 0) options.max_iterations = max_iterations;
  const std::unique_ptr<Solver> solver = CreateSolver(algorithm);
  start = std::chrono::steady_clock::now();
  const Solution solution = solver->Solve(store, options);
  const double fit_seconds = Seconds(start);
  const std::int64_t solve_peak = peak_reset ? PeakResidentBytes() : -1;
  const std::int64_t rss_after_solve = ResidentBytes();
  const std::int64_t max_rss = std::max(load_max_rss, MaxRssBytes());

  const auto claims = static_cast<double>(store.num_claims());
  double states = 0.0;
  for (const PropositionInfo& info : store.propositions()) states += info.num_states();
  const int iterations = std::max(solution.summary.iterations, 1);
  const double bytes_per_iteration =
      PassesOf(algorithm) * kBytesPerClaimPass * claims + kBytesPerStatePerIteration * states;
  const std::int64_t solution_bytes = SolutionBytes(solution);

  std::int64_t scored = 0;
  const double accuracy = Accuracy(store, solution, ReadCrowdTruth(truth_csv), &scored);
  const std::string_view probabilities(
      reinterpret_cast<const char*>(solution.claim_probability.data()),
      solution.claim_probability.size() * sizeof(double));

  Json out;
  out["kind"] = "run";
  out["claims"] = store.num_claims();
  out["propositions"] = store.num_propositions();
  out["outlets"] = store.num_outlets();
  out["mean_states"] =
      states / static_cast<double>(std::max<std::size_t>(store.num_propositions(), 1));
  out["algorithm"] = algorithm;
  out["threads"] = threads;
  out["load_seconds"] = load_seconds;
  out["fit_seconds"] = fit_seconds;
  out["iterations"] = solution.summary.iterations;
  out["termination"] = std::string(ToString(solution.summary.termination));
  out["seconds_per_iteration"] = fit_seconds / iterations;
  out["model_bytes_per_iteration"] = bytes_per_iteration;
  out["rss_start_bytes"] = rss_start;
  out["load_peak_rss_bytes"] = load_peak;
  out["rss_before_solve_bytes"] = rss_before_solve;
  out["solve_peak_rss_bytes"] = solve_peak;
  out["rss_after_solve_bytes"] = rss_after_solve;
  out["max_rss_bytes"] = max_rss;
  out["solution_bytes"] = solution_bytes;
  out["store_bytes_per_claim"] = static_cast<double>(rss_before_solve - rss_start) / claims;
  out["solving_bytes_per_claim"] =
      solve_peak < 0 ? -1.0 : static_cast<double>(solve_peak - rss_start) / claims;
  out["solving_bytes_per_claim_without_solution"] =
      solve_peak < 0 ? -1.0 : static_cast<double>(solve_peak - rss_start - solution_bytes) / claims;
  out["accuracy"] = accuracy;
  out["scored_items"] = scored;
  out["probability_digest"] = Sha256Digest(probabilities);
  std::cout << out.dump() << std::endl;
  return 0;
}

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown";
}

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::int64_t MemTotalBytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::int64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemTotal:") return kib * 1024;
  }
  return -1;
}

struct ChildLimits {
  int timeout_seconds = 0;
  double max_memory_gib = 0.0;
};

// Runs this program with `args` in a fresh process; returns its standard output (one JSON
// line) or an empty string after printing why it failed.
std::string RunChild(const std::vector<std::string>& args, const ChildLimits& limits,
                     const std::string& scratch) {
  std::vector<std::string> all = {"/proc/self/exe"};
  all.insert(all.end(), args.begin(), args.end());
  if (limits.timeout_seconds > 0) {
    all.emplace_back("--timeout");
    all.emplace_back(std::to_string(limits.timeout_seconds));
  }
  if (limits.max_memory_gib > 0) {
    all.emplace_back("--max-memory-gib");
    all.emplace_back(std::to_string(limits.max_memory_gib));
  }
  std::vector<char*> argv;
  argv.reserve(all.size() + 1);
  for (std::string& arg : all) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // fork and exec rather than posix_spawn: a vfork-style spawn shares this process's memory
  // until the exec, and the child's ru_maxrss would then start from this process's peak.
  const pid_t pid = fork();
  if (pid < 0) {
    std::cerr << "credence-scale: cannot start a measuring process\n";
    return {};
  }
  if (pid == 0) {
    const int fd = open(scratch.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) _exit(127);
    close(fd);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "credence-scale: measuring process failed ("
              << (WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                      : "exit " + std::to_string(WEXITSTATUS(status)))
              << (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ? ", timed out" : "") << ")\n";
    return {};
  }
  std::ifstream in(scratch);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string Format(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string Markdown(const Json& machine, const std::vector<Json>& triads,
                     const std::vector<Json>& runs) {
  std::ostringstream md;
  md << "Machine: " << machine["cpu"].get<std::string>() << ", " << machine["nproc"].get<int>()
     << " logical CPUs, L3 " << machine["l3"].get<std::string>() << ", "
     << Format("%.1f", machine["memory_bytes"].get<double>() / (1 << 30)) << " GiB memory. "
     << "Commit: " << machine["label"].get<std::string>() << ".\n\n";
  md << "| triad threads | array MiB | best GB/s |\n|---:|---:|---:|\n";
  for (const Json& t : triads) {
    md << "| " << t["threads"].get<int>() << " | " << t["array_bytes"].get<double>() / (1 << 20)
       << " | " << Format("%.1f", t["gb_per_s"].get<double>()) << " |\n";
  }
  md << "\n| claims | algorithm | threads | load s | fit s | iterations | ms/iteration | "
        "bound ms | x bound | store B/claim | solving B/claim | peak RSS MiB (all / solve) | "
        "accuracy | "
        "1 vs N threads |\n"
     << "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (const Json& r : runs) {
    md << "| " << r["claims"].get<std::int64_t>() << " | " << r["algorithm"].get<std::string>()
       << " | " << r["threads"].get<int>() << " | "
       << Format("%.4f", r["load_seconds"].get<double>()) << " | "
       << Format("%.4f", r["fit_seconds"].get<double>()) << " | " << r["iterations"].get<int>()
       << " | " << Format("%.3f", 1e3 * r["seconds_per_iteration"].get<double>()) << " | "
       << Format("%.3f", 1e3 * r["bound_seconds_per_iteration"].get<double>()) << " | "
       << Format("%.1f", r["bound_multiple"].get<double>()) << " | "
       << Format("%.0f", r["store_bytes_per_claim"].get<double>()) << " | "
       << Format("%.0f", r["solving_bytes_per_claim"].get<double>()) << " | "
       << Format("%.0f", r["max_rss_bytes"].get<double>() / (1 << 20)) << " / "
       << Format("%.0f", r["solve_peak_rss_bytes"].get<double>() / (1 << 20)) << " | "
       << Format("%.4f", r["accuracy"].get<double>()) << " | "
       << r["threads_identical"].get<std::string>() << " |\n";
  }
  bool all_identical = true;
  for (const Json& r : runs) all_identical = all_identical && r["threads_identical"] != "DIFFERENT";
  md << "\nClaim probabilities across thread counts: "
     << (all_identical ? "byte-identical in every (size, algorithm) compared"
                       : "DIFFERENT in at least one (size, algorithm): see the last column")
     << ".\n";
  md << "\nTimes are the best of " << machine["repeat"].get<int>()
     << " fresh processes; \"x bound\" is the time per iteration over the model's bytes per "
        "iteration divided by the triad bandwidth at the same thread count.\n";
  return md.str();
}

int Orchestrate(const std::vector<std::int64_t>& sizes, const std::vector<std::string>& algorithms,
                const std::vector<int>& thread_counts, int repeat, const std::string& cache,
                const std::string& out_dir, const std::string& label, double triad_mib,
                int triad_repetitions, int max_iterations, const ChildLimits& limits,
                std::uint64_t seed) {
  std::filesystem::create_directories(out_dir);
  const std::string scratch = out_dir + "/.child-output";

  Json machine;
  machine["kind"] = "machine";
  machine["label"] = label;
  machine["nproc"] = static_cast<int>(std::thread::hardware_concurrency());
  machine["cpu"] = CpuModel();
  machine["l3"] = ReadFirstLine("/sys/devices/system/cpu/cpu0/cache/index3/size");
  machine["memory_bytes"] = MemTotalBytes();
  machine["repeat"] = repeat;
  std::cerr << "credence-scale: " << machine.dump() << "\n";

  // The triad at 1 and 2 threads and at every thread count asked for.
  std::set<int> triad_threads = {1, 2};
  triad_threads.insert(thread_counts.begin(), thread_counts.end());
  std::vector<Json> triads;
  std::map<int, double> bandwidth;  // bytes per second by thread count
  for (int t : triad_threads) {
    const TriadResult triad =
        MeasureTriad(static_cast<std::size_t>(triad_mib * (1 << 20)), t, triad_repetitions);
    Json line;
    line["kind"] = "triad";
    line["threads"] = t;
    line["array_bytes"] = triad.array_bytes;
    line["repetitions"] = triad.repetitions;
    line["best_seconds"] = triad.best_seconds;
    line["gb_per_s"] = triad.best_gb_per_s;
    bandwidth[t] = triad.best_gb_per_s * 1e9;
    std::cerr << "credence-scale: " << line.dump() << "\n";
    triads.push_back(line);
  }

  std::vector<Json> runs;
  for (const std::int64_t n : sizes) {
    const auto generate_start = std::chrono::steady_clock::now();
    const CrowdFiles files = EnsureCrowdFiles(cache, n, seed, /*with_json=*/false);
    std::cerr << "credence-scale: data for " << n << " claims ready in "
              << Format("%.1f", Seconds(generate_start)) << " s: " << files.answers_csv << "\n";
    for (const std::string& algorithm : algorithms) {
      std::vector<std::size_t> group;  // indices into runs of this (size, algorithm)
      for (const int t : thread_counts) {
        Json best;
        std::vector<double> loads;
        std::vector<double> fits;
        for (int r = 0; r < repeat; ++r) {
          const std::string output =
              RunChild({"--measure", "--csv", files.answers_csv, "--truth", files.truth_csv,
                        "--algorithm", algorithm, "--threads", std::to_string(t),
                        "--max-iterations", std::to_string(max_iterations)},
                       limits, scratch);
          if (output.empty()) break;
          Json run = Json::parse(output);
          loads.push_back(run["load_seconds"].get<double>());
          fits.push_back(run["fit_seconds"].get<double>());
          if (best.is_null() || fits.back() < best["fit_seconds"].get<double>()) best = run;
        }
        if (best.is_null()) {
          std::cerr << "credence-scale: no result for " << n << " claims, " << algorithm << ", "
                    << t << " threads\n";
          continue;
        }
        // Best of the repeats for each time separately: load and fit vary independently.
        best["load_seconds"] = *std::min_element(loads.begin(), loads.end());
        best["load_seconds_all"] = loads;
        best["fit_seconds_all"] = fits;
        best["repeats"] = fits.size();
        const double bound = best["model_bytes_per_iteration"].get<double>() / bandwidth[t];
        best["bandwidth_bytes_per_second"] = bandwidth[t];
        best["bound_seconds_per_iteration"] = bound;
        best["bound_multiple"] = best["seconds_per_iteration"].get<double>() / bound;
        std::cerr << "credence-scale: " << best.dump() << "\n";
        group.push_back(runs.size());
        runs.push_back(best);
      }
      // Claim probabilities byte-identical whatever the thread count?
      std::string verdict = "identical";
      if (group.size() < 2) {
        verdict = "n/a";
      } else {
        for (std::size_t i : group) {
          if (runs[i]["probability_digest"] != runs[group.front()]["probability_digest"]) {
            verdict = "DIFFERENT";
          }
        }
      }
      for (std::size_t i : group) runs[i]["threads_identical"] = verdict;
    }
  }
  std::filesystem::remove(scratch);

  std::ofstream jsonl(out_dir + "/scale.jsonl");
  jsonl << machine.dump() << "\n";
  for (const Json& t : triads) jsonl << t.dump() << "\n";
  for (const Json& r : runs) jsonl << r.dump() << "\n";
  const std::string markdown = Markdown(machine, triads, runs);
  std::ofstream(out_dir + "/scale.md") << markdown;
  std::cout << markdown;
  std::cerr << "credence-scale: wrote " << out_dir << "/scale.jsonl and " << out_dir
            << "/scale.md\n";
  return 0;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::istringstream list(text);
  std::string item;
  while (std::getline(list, item, ',')) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

}  // namespace
}  // namespace credence::bench

int main(int argc, char** argv) {
  using namespace credence::bench;
  CLI::App app{"credence-scale: end-to-end load and fit at growing sizes (docs/performance.md)"};
  std::string sizes = "1e4,1e5,1e6";
  std::string algorithms = "majority-vote,one-coin,dawid-skene,temporal-em,investment,truthfinder";
  std::string threads = "1,2";
  int repeat = 3;
  std::string cache = "scale-cache";
  std::string out_dir = "scale-results";
  std::string label = "unlabelled";
  double triad_mib = 256;
  int triad_repetitions = 20;
  int max_iterations = 0;
  std::uint64_t seed = 1;
  ChildLimits limits;
  limits.timeout_seconds = 900;
  limits.max_memory_gib = 20;
  bool measure = false;
  std::string csv;
  std::string truth;
  std::string algorithm;

  app.add_option("--sizes", sizes, "claim counts, comma-separated (1e4,1e5,...)")
      ->capture_default_str();
  app.add_option("--algorithms", algorithms, "algorithms, comma-separated, or \"all\"")
      ->capture_default_str();
  app.add_option("--threads", threads,
                 "thread counts, comma-separated; claim probabilities are compared across them")
      ->capture_default_str();
  app.add_option("--repeat", repeat, "fresh processes per measurement; the best is kept")
      ->capture_default_str();
  app.add_option("--cache", cache, "folder of the generated crowd data (reused)")
      ->capture_default_str();
  app.add_option("--out", out_dir, "folder for scale.jsonl and scale.md")->capture_default_str();
  app.add_option("--label", label, "what was measured, e.g. the commit")->capture_default_str();
  app.add_option("--triad-mib", triad_mib, "size of each triad array in MiB")
      ->capture_default_str();
  app.add_option("--triad-repetitions", triad_repetitions, "triad passes; the best is kept")
      ->capture_default_str();
  app.add_option("--max-iterations", max_iterations, "solver iteration cap (0: its default)")
      ->capture_default_str();
  app.add_option("--seed", seed, "synthetic data seed")->capture_default_str();
  app.add_option("--timeout", limits.timeout_seconds, "seconds a measuring process may run")
      ->capture_default_str();
  app.add_option("--max-memory-gib", limits.max_memory_gib,
                 "address space a measuring process may take (0: unlimited)")
      ->capture_default_str();
  app.add_flag("--measure", measure, "internal: measure one run in this process");
  app.add_option("--csv", csv, "internal: the crowd CSV to measure");
  app.add_option("--truth", truth, "internal: its truth CSV");
  app.add_option("--algorithm", algorithm, "internal: the algorithm to measure");
  CLI11_PARSE(app, argc, argv);

  try {
    if (measure) {
      if (limits.timeout_seconds > 0) alarm(static_cast<unsigned>(limits.timeout_seconds));
      if (limits.max_memory_gib > 0) {
        const auto bytes = static_cast<rlim_t>(limits.max_memory_gib * 1024 * 1024 * 1024);
        const rlimit limit{bytes, bytes};
        setrlimit(RLIMIT_AS, &limit);
      }
      const std::vector<std::int64_t> t = ParseCounts(threads);
      return Measure(csv, truth, algorithm, static_cast<int>(t.front()), max_iterations);
    }
    std::vector<std::string> names = SplitList(algorithms);
    if (algorithms == "all") {
      names.clear();
      for (std::string_view name : credence::SolverNames()) names.emplace_back(name);
    }
    for (const std::string& name : names) credence::CreateSolver(name);  // fail early
    std::vector<int> thread_counts;
    for (std::int64_t t : ParseCounts(threads)) thread_counts.push_back(static_cast<int>(t));
    return Orchestrate(ParseCounts(sizes), names, thread_counts, std::max(repeat, 1), cache,
                       out_dir, label, triad_mib, triad_repetitions, max_iterations, limits, seed);
  } catch (const std::exception& error) {
    std::cerr << "credence-scale: " << error.what() << "\n";
    return 1;
  }
}

#include "support.h"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "credence/input.h"
#include "credence/output.h"

namespace credence::bench {

SynthOptions CrowdOptions(std::int64_t claims, std::uint64_t seed) {
  SynthOptions options;
  options.seed = seed;
  options.sources = 100;
  options.min_reliability = 0.3;
  options.max_reliability = 0.95;
  options.claims = claims;
  options.min_values = 2;
  options.max_values = 5;
  options.answers_per_item = 10;
  return options;
}

CrowdFiles EnsureCrowdFiles(const std::string& dir, std::int64_t claims, std::uint64_t seed,
                            bool with_json) {
  std::filesystem::create_directories(dir);
  const std::string prefix =
      dir + "/crowd-" + std::to_string(claims) + "-seed" + std::to_string(seed);
  CrowdFiles files{prefix + ".answers.csv", prefix + ".truth.csv",
                   with_json ? prefix + ".claims.json" : std::string(),
                   with_json ? prefix + ".claims.jsonl" : std::string()};
  const auto missing = [](const std::string& path) {
    return !path.empty() && !std::filesystem::exists(path);
  };
  if (!missing(files.answers_csv) && !missing(files.truth_csv) && !missing(files.claims_json) &&
      !missing(files.claims_jsonl)) {
    return files;
  }
  const SynthDataset data = GenerateSynth(CrowdOptions(claims, seed));
  // One text at a time, so that at most one rendering is held.
  if (missing(files.truth_csv)) WriteFileAtomically(files.truth_csv, SynthTruthCsv(data));
  if (missing(files.answers_csv)) WriteFileAtomically(files.answers_csv, SynthAnswersCsv(data));
  if (missing(files.claims_json)) WriteFileAtomically(files.claims_json, SynthClaimsJson(data));
  if (missing(files.claims_jsonl)) {
    WriteFileAtomically(files.claims_jsonl, SynthClaimsJsonl(data));
  }
  return files;
}

std::int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::int64_t size = 0;
  std::int64_t resident = 0;
  if (!(statm >> size >> resident)) return -1;
  return resident * static_cast<std::int64_t>(sysconf(_SC_PAGESIZE));
}

std::int64_t PeakResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      std::istringstream fields(line.substr(6));
      std::int64_t kib = 0;
      if (fields >> kib) return kib * 1024;
    }
  }
  return -1;
}

bool ResetPeakResident() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

std::int64_t MaxRssBytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return -1;
  return static_cast<std::int64_t>(usage.ru_maxrss) * 1024;
}

void TrimHeap() { malloc_trim(0); }

std::int64_t ParseCount(const std::string& text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end || !(value >= 1.0) || value > 1e12 ||
      std::floor(value) != value) {
    throw std::invalid_argument("not a positive count: \"" + text + "\"");
  }
  return static_cast<std::int64_t>(value);
}

std::vector<std::int64_t> ParseCounts(const std::string& comma_list) {
  std::vector<std::int64_t> counts;
  std::string item;
  std::istringstream list(comma_list);
  while (std::getline(list, item, ',')) {
    if (!item.empty()) counts.push_back(ParseCount(item));
  }
  if (counts.empty()) throw std::invalid_argument("empty list: \"" + comma_list + "\"");
  return counts;
}

std::vector<std::int32_t> ReadCrowdTruth(const std::string& truth_csv) {
  std::ifstream in(truth_csv);
  if (!in) throw std::runtime_error("cannot read " + truth_csv);
  std::vector<std::int32_t> truth;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    // item-<n>,v<k>
    const std::size_t dash = line.find('-');
    const std::size_t comma = line.find(',');
    if (dash == std::string::npos || comma == std::string::npos || comma + 2 > line.size()) {
      throw std::runtime_error(truth_csv + ": unexpected line: " += line);
    }
    std::size_t item = 0;
    std::int32_t value = 0;
    std::from_chars(line.data() + dash + 1, line.data() + comma, item);
    std::from_chars(line.data() + comma + 2, line.data() + line.size(), value);
    if (item == 0) throw std::runtime_error(truth_csv + ": bad item: " += line);
    if (truth.size() < item) truth.resize(item, -1);
    truth[item - 1] = value;
  }
  return truth;
}

std::int64_t FileBytes(const std::string& path) {
  return static_cast<std::int64_t>(std::filesystem::file_size(path));
}

}  // namespace credence::bench

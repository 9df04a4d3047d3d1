// Shared by the benchmark programs: the crowd data of issue 5, cached on disk, and readings of
// the process's memory from the kernel. Uses only the public API (include/credence/).
#ifndef CREDENCE_BENCH_SUPPORT_H_
#define CREDENCE_BENCH_SUPPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "credence/synth.h"

namespace credence::bench {

// The crowd setting of the issue: 100 sources with reliabilities uniform in [0.3, 0.95], 2-5
// values per item, 10 answers per item, static truth, `claims` answers in all.
SynthOptions CrowdOptions(std::int64_t claims, std::uint64_t seed = 1);

struct CrowdFiles {
  std::string answers_csv;   // question,worker,answer
  std::string truth_csv;     // question,truth
  std::string claims_json;   // the claims document; empty unless asked for
  std::string claims_jsonl;  // the same claims as JSON Lines; empty unless asked for
};

// Generates the crowd data of `claims` answers into `dir` (created when missing) unless it is
// there already: files are named by size and seed and written atomically, so a present file is
// complete.
CrowdFiles EnsureCrowdFiles(const std::string& dir, std::int64_t claims, std::uint64_t seed,
                            bool with_json);

// Resident set size now (/proc/self/statm), in bytes.
std::int64_t ResidentBytes();
// Peak resident set size since start or the last ResetPeakResident() (VmHWM of
// /proc/self/status), in bytes; -1 when unavailable.
std::int64_t PeakResidentBytes();
// Resets VmHWM to the current RSS (writes 5 to /proc/self/clear_refs); false when refused.
bool ResetPeakResident();
// getrusage(RUSAGE_SELF).ru_maxrss in bytes: the peak over the process. Linux computes it from
// the same high-water mark as VmHWM, so ResetPeakResident() resets it too.
std::int64_t MaxRssBytes();
// Returns freed heap memory to the kernel so that RSS reflects live data.
void TrimHeap();

// Parses "1e6", "1000000", "2.5e5" into a count; throws std::invalid_argument when it is not
// a positive whole number.
std::int64_t ParseCount(const std::string& text);
std::vector<std::int64_t> ParseCounts(const std::string& comma_list);

// The truth of a crowd file by item index (item-<n> is index n - 1), value index per item.
std::vector<std::int32_t> ReadCrowdTruth(const std::string& truth_csv);

std::int64_t FileBytes(const std::string& path);

}  // namespace credence::bench

#endif  // CREDENCE_BENCH_SUPPORT_H_

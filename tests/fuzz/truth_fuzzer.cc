// libFuzzer target: the gold-file readers (ReadTruth) on arbitrary bytes; the first byte picks
// the format (item,truth CSV, item<TAB>label TSV, population truth CSV).
#include <cstddef>
#include <cstdint>

#include "credence/error.h"
#include "credence/input.h"
#include "fuzz/fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static credence::fuzz::FuzzFile file;
  constexpr credence::InputFormat kFormats[] = {credence::InputFormat::kCrowdCsv,
                                                credence::InputFormat::kCrowdTsv,
                                                credence::InputFormat::kPopulationCsv};
  const credence::InputFormat format = kFormats[data[0] % 3];
  const std::string& path = file.Write(data + 1, size - 1);
  try {
    (void)credence::ReadTruth(path, format);
  } catch (const credence::InputError&) {
  }
  return 0;
}

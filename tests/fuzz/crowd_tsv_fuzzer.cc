// libFuzzer target: the crowd tsv importer on arbitrary bytes, both the streaming loader the
// command line uses (LoadClaimStore) and the document path (ReadInput, then BuildClaimStore). Any
// input must either be read or be refused with InputError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "credence/error.h"
#include "credence/input.h"
#include "fuzz/fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static credence::fuzz::FuzzFile file;
  const std::string& path = file.Write(data, size);
  try {
    (void)credence::LoadClaimStore(path, credence::InputFormat::kCrowdTsv);
  } catch (const credence::InputError&) {
  }
  try {
    credence::ClaimsDocument document = credence::ReadInput(path, credence::InputFormat::kCrowdTsv);
    (void)credence::BuildClaimStore(std::move(document));
  } catch (const credence::InputError&) {
  }
  return 0;
}

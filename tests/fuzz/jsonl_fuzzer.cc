// libFuzzer target: the JSON Lines loader (LoadClaimStore with InputFormat::kClaimsJsonl) on
// arbitrary bytes. Any input must either be read or be refused with InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "credence/error.h"
#include "credence/input.h"
#include "fuzz/fuzz_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static credence::fuzz::FuzzFile file;
  const std::string& path = file.Write(data, size);
  try {
    (void)credence::LoadClaimStore(path, credence::InputFormat::kClaimsJsonl);
  } catch (const credence::InputError&) {
  }
  return 0;
}

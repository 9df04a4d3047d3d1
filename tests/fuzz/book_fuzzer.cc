// libFuzzer target: the Book-Author importer on arbitrary bytes, as the command line loads it
// (LoadClaimStore), and the same bytes read as its gold file. Any input must either be read or
// be refused with InputError.
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
    (void)credence::LoadClaimStore(path, credence::InputFormat::kBookTsv);
  } catch (const credence::InputError&) {
  }
  try {
    (void)credence::ReadTruth(path, credence::InputFormat::kBookTsv);
  } catch (const credence::InputError&) {
  }
  return 0;
}

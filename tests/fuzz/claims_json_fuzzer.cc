// libFuzzer target: the claims document reader on arbitrary bytes. Any input must either parse
// or be refused with InputError; every other exception, crash or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "credence/error.h"
#include "credence/input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const credence::ClaimsDocument document = credence::ParseClaimsDocument(text, "fuzz.json");
    // A document that reads must also build a claim store.
    (void)credence::BuildClaimStore(credence::ClaimsDocument(document));
  } catch (const credence::InputError&) {
  }
  return 0;
}

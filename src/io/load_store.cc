// The one entry point from a file to a claim store, whatever the format.
#include <string>
#include <utility>
#include <vector>

#include "credence/io.h"

namespace credence {

ClaimStore LoadClaimStore(const std::string& path, InputFormat format, const ReadOptions& options,
                          std::vector<Diagnostic>* warnings) {
  ClaimsDocument document = ReadInput(path, format, options);
  if (warnings != nullptr) {
    warnings->insert(warnings->end(), document.warnings.begin(), document.warnings.end());
  }
  return BuildClaimStore(std::move(document));
}

}  // namespace credence

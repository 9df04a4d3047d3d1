// --strict: every warning of a reader is an error.
#include <utility>
#include <vector>

#include "credence/error.h"
#include "credence/input.h"

namespace credence {

void ThrowIfStrict(const std::vector<Diagnostic>& warnings, const ReadOptions& options) {
  if (!options.strict || warnings.empty()) return;
  std::vector<Diagnostic> errors = warnings;
  for (Diagnostic& error : errors) {
    error.severity = Severity::kError;
    error.message += " (an error with --strict)";
  }
  throw InputError(std::move(errors));
}

}  // namespace credence

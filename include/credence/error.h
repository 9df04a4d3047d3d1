// Errors and diagnostics that point at the place in an input where a problem is.
#ifndef CREDENCE_ERROR_H_
#define CREDENCE_ERROR_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace credence {

// Where a problem is: a file plus either a JSON pointer (documents) or a line (JSON Lines, CSV).
struct Location {
  std::string file;
  std::string pointer;    // RFC 6901 JSON pointer, empty when not applicable
  std::int64_t line = 0;  // 1-based line, 0 when not applicable

  // "file: /articles/0/claims/2", "file:17: /value" (JSON Lines), "file:17" or "file".
  std::string ToString() const;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  Location where;
  std::string message;  // what was found and what was expected

  // "file: /pointer: message" (warnings are prefixed with "warning: ").
  std::string ToString() const;
};

// Thrown when an input cannot be used. Carries every problem found, not only the first, so that
// an annotator can fix a document in one pass.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace credence

#endif  // CREDENCE_ERROR_H_

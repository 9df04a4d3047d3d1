#include "credence/error.h"

#include <utility>

namespace credence {

std::string Location::ToString() const {
  std::string text = file.empty() ? std::string("<input>") : file;
  if (!pointer.empty() && line > 0) {
    text += ':';
    text += std::to_string(line);
    text += ": ";
    text += pointer;
  } else if (!pointer.empty()) {
    text += ": ";
    text += pointer;
  } else if (line > 0) {
    text += ':';
    text += std::to_string(line);
  }
  return text;
}

std::string Diagnostic::ToString() const {
  std::string text = where.ToString();
  text += ": ";
  if (severity == Severity::kWarning) text += "warning: ";
  text += message;
  return text;
}

namespace {

std::string JoinMessages(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (!text.empty()) text += '\n';
    text += diagnostic.ToString();
  }
  return text;
}

}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(JoinMessages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(Diagnostic diagnostic)
    : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

}  // namespace credence

// Shared plumbing for the JSON readers: parsing with line/column positions, and typed field
// access that records a diagnostic (pointer + what was expected + what was found) instead of
// stopping at the first problem.
#ifndef CREDENCE_INPUT_JSON_INPUT_H_
#define CREDENCE_INPUT_JSON_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credence/error.h"

namespace credence::input_internal {

using Json = nlohmann::json;

// Collects every problem of one input; the reader throws them all at the end.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

  void Error(std::string pointer, std::string message);
  void Warning(std::string pointer, std::string message);
  // For problems that have a line but no pointer (the text is not JSON).
  void ErrorAtLine(std::int64_t line, std::string message);

  bool has_errors() const { return !errors_.empty(); }
  // Lets a caller tell whether a step of its own added an error.
  std::size_t error_count() const { return errors_.size(); }
  const std::string& file() const { return file_; }
  std::vector<Diagnostic> TakeWarnings() { return std::move(warnings_); }
  // Throws InputError with every error collected, if there is any.
  void ThrowIfErrors();

 private:
  std::string file_;
  std::vector<Diagnostic> errors_;
  std::vector<Diagnostic> warnings_;
};

struct TextPosition {
  std::int64_t line = 1;    // 1-based
  std::int64_t column = 1;  // 1-based, in characters (UTF-8 code points)
};

// The position of the byte at 0-based `offset` (clamped to the end of the text). Only '\n' ends a
// line, so CRLF files count the same as LF files.
TextPosition PositionOfOffset(std::string_view text, std::size_t offset);

// Parses strict JSON (a leading UTF-8 byte order mark is skipped). When the text is not JSON,
// throws InputError at "file:LINE" with "malformed JSON at line L, column C: ...". A key repeated
// within one object, whose earlier value would be silently dropped, is recorded as an error.
Json ParseJsonText(std::string_view text, DiagnosticSink* sink);

// "/a/b" + "c" -> "/a/b/c" (RFC 6901 escaping of '~' and '/').
std::string ChildPointer(std::string_view parent, std::string_view key);
std::string ChildPointer(std::string_view parent, std::size_t index);

// What a value is, for "got ..." in messages: `the string "yes"`, `the number 3`,
// `the boolean true`, `null`, `an object`, `an array`.
std::string DescribeJson(const Json& value);

// A quoted string for messages: `"text"`, shortened when long.
std::string Quote(std::string_view text);

// Field access on an object at `pointer`. An absent key and an explicit null both read as "not
// given". Each accessor records a diagnostic on a type error and then returns nullopt, so callers
// only decide defaults.
class FieldReader {
 public:
  FieldReader(DiagnosticSink* sink, const Json& object, std::string pointer)
      : sink_(sink), object_(object), pointer_(std::move(pointer)) {}

  const std::string& pointer() const { return pointer_; }
  std::string PointerOf(std::string_view key) const { return ChildPointer(pointer_, key); }

  // The value under `key`, or nullptr when absent or null.
  const Json* Find(std::string_view key) const;
  // As Find, but a missing key is an error: `missing required key "id" (expected <what>)`.
  const Json* Require(std::string_view key, std::string_view what) const;

  std::optional<std::string> RequiredNonEmptyString(std::string_view key) const;
  std::optional<std::string> OptionalString(std::string_view key) const;
  std::optional<std::string> OptionalNonEmptyString(std::string_view key) const;
  std::optional<bool> OptionalBool(std::string_view key) const;
  std::optional<double> OptionalNumber(std::string_view key) const;
  // The array under `key`, or nullptr (with an error when present but not an array, or when
  // missing and required).
  const Json* Array(std::string_view key, bool required) const;

  void TypeError(std::string_view key, std::string_view expected, const Json& found) const;
  // A warning at each key of the object that is not in `known` (input/known_keys.h).
  void WarnUnknownKeys(std::span<const std::string_view> known) const;

 private:
  DiagnosticSink* sink_;
  const Json& object_;
  std::string pointer_;
};

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_JSON_INPUT_H_

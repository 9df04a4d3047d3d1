// Small appenders the generators render their JSON and CSV with (generated ids, dates and numbers
// only, so nothing needs escaping).
#ifndef CREDENCE_SYNTH_JSON_TEXT_H_
#define CREDENCE_SYNTH_JSON_TEXT_H_

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace credence::synth {

// Shortest text that reads back as the same double.
inline void AppendDouble(std::string& out, double x) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), x);
  out.append(buffer, result.ptr);
}

inline void AppendInt(std::string& out, std::int64_t x) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), x);
  out.append(buffer, result.ptr);
}

inline void AppendQuoted(std::string& out, std::string_view text) {
  out += '"';
  out += text;
  out += '"';
}

}  // namespace credence::synth

#endif  // CREDENCE_SYNTH_JSON_TEXT_H_

// Small appenders the generators render their JSON and CSV with (generated ids, dates and numbers
// only, so nothing needs escaping).
#ifndef CREDENCE_SYNTH_JSON_TEXT_H_
#define CREDENCE_SYNTH_JSON_TEXT_H_

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// The claims document's "outlets" entries, one line per synthetic source.
template <typename Source>
void AppendSyntheticOutlets(std::string& out, const std::vector<Source>& sources) {
  for (std::size_t s = 0; s < sources.size(); ++s) {
    out += "    {\"id\": ";
    AppendQuoted(out, sources[s].id);
    out += ", \"name\": \"Synthetic source " + std::to_string(s + 1) + "\", \"kind\": \"outlet\"}";
    out += s + 1 < sources.size() ? ",\n" : "\n";
  }
}

}  // namespace credence::synth

#endif  // CREDENCE_SYNTH_JSON_TEXT_H_

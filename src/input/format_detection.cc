#include "input/format_detection.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "credence/error.h"

namespace credence {

namespace input_internal {

namespace {

// The first non-blank line, from at most the first MiB: detection must not read a large file
// whole. Peeks in growing steps, so that a small input through a pipe is not waited on longer
// than it takes to arrive.
std::string_view FirstLine(InputSource& source) {
  constexpr std::size_t kFirstPeek = std::size_t{1} << 16;
  constexpr std::size_t kMaxPrefix = std::size_t{1} << 20;
  std::string_view text;
  for (std::size_t want = kFirstPeek;; want *= 4) {
    want = std::min(want, kMaxPrefix);
    const std::string_view bytes = source.Peek(want);
    text = bytes;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const std::size_t start = text.find_first_not_of(" \t\r\n");
    const bool complete =
        start != std::string_view::npos && text.find('\n', start) != std::string_view::npos;
    if (complete || bytes.size() < want || want == kMaxPrefix) break;
  }
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  text.remove_prefix(start);
  std::string_view line = text.substr(0, text.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// A JSON Lines header: a whole object on one line whose "credence" member is a version string,
// without the "articles" that a claims document written on one line would have.
bool IsJsonlHeader(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (!line.starts_with('{') || !line.ends_with('}')) return false;
  if (line.find("\"articles\"") != std::string_view::npos) return false;
  const std::size_t key = line.find("\"credence\"");
  if (key == std::string_view::npos) return false;
  std::string_view rest = line.substr(key + std::string_view("\"credence\"").size());
  const auto skip_blanks = [&rest] {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  };
  skip_blanks();
  if (!rest.starts_with(':')) return false;
  rest.remove_prefix(1);
  skip_blanks();
  return rest.starts_with('"');
}

}  // namespace

InputFormat DetectInputFormat(InputSource& source) {
  // JSON Lines by name, or by a first line that is a whole object: a document's first line is
  // "{" or an unfinished object.
  const std::string& path = source.path();
  if (path.ends_with(".jsonl") || path.ends_with(".ndjson")) return InputFormat::kClaimsJsonl;
  const std::string_view line = FirstLine(source);
  if (line.empty()) {
    throw InputError(Diagnostic{Severity::kError,
                                {source.display_path(), "", 0},
                                "the input is empty (nothing but blanks); expected a claims "
                                "document, JSON Lines or a table"});
  }
  if (IsJsonlHeader(line)) return InputFormat::kClaimsJsonl;
  if (!line.empty() && (line[0] == '{' || line[0] == '[')) return InputFormat::kClaimsJson;
  if (line.starts_with("\"ObjectID\"")) return InputFormat::kPopulationCsv;
  if (std::count(line.begin(), line.end(), '\t') == 2) return InputFormat::kCrowdTsv;
  if (std::count(line.begin(), line.end(), '\t') == 3) return InputFormat::kBookTsv;
  if (std::count(line.begin(), line.end(), ',') == 2) return InputFormat::kCrowdCsv;
  throw InputError(Diagnostic{Severity::kError,
                              {source.display_path(), "", 1},
                              "cannot tell the format from the first line; expected a claims "
                              "document (JSON), JSON Lines, item,worker,label CSV, "
                              "item<TAB>worker<TAB>label, the Book-Author TSV or the population "
                              "CSV; name it with --format"});
}

}  // namespace input_internal

InputFormat DetectInputFormat(const std::string& path) {
  input_internal::InputSource source(path);
  return input_internal::DetectInputFormat(source);
}

}  // namespace credence

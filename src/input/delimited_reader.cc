#include "input/delimited_reader.h"

#include <cstring>
#include <string>
#include <utility>

#include "input/csv.h"
#include "util/utf8.h"

namespace credence::input_internal {

namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxKeptErrors = 100;

std::string DisplayPath(const std::string& path) { return path == "-" ? "<stdin>" : path; }

[[noreturn]] void Fail(const std::string& path, std::int64_t line, std::string message) {
  throw InputError(
      Diagnostic{Severity::kError, Location{DisplayPath(path), "", line}, std::move(message)});
}

}  // namespace

DelimitedReader::DelimitedReader(InputSource& source, char separator, std::size_t max_line_bytes)
    : source_(source), separator_(separator), max_line_bytes_(max_line_bytes) {
  buffer_.resize(std::min(kBlockBytes, max_line_bytes_ + 2));
}

void DelimitedReader::Refill() {
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    // One line fills the buffer: grow it up to the line limit.
    if (buffer_.size() > max_line_bytes_) {
      Fail(path(), line_ + 1,
           "line longer than the limit of " + std::to_string(max_line_bytes_) + " bytes");
    }
    buffer_.resize(std::min(buffer_.size() * 2, max_line_bytes_ + 2));
  }
  const std::size_t read = source_.Read(buffer_.data() + end_, buffer_.size() - end_);
  if (read == 0) at_eof_ = true;
  digest_.Update(std::string_view(buffer_.data() + end_, read));
  end_ += read;
}

bool DelimitedReader::NextLine(std::string_view* line) {
  for (;;) {
    const void* newline = std::memchr(buffer_.data() + begin_, '\n', end_ - begin_);
    if (newline != nullptr) {
      const std::size_t stop = static_cast<const char*>(newline) - buffer_.data();
      *line = std::string_view(buffer_.data() + begin_, stop - begin_);
      begin_ = stop + 1;
      break;
    }
    if (at_eof_) {
      if (begin_ == end_) return false;
      *line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      begin_ = end_;
      break;
    }
    Refill();
  }
  ++line_;
  if (line->size() > max_line_bytes_) {
    Fail(path(), line_,
         "line longer than the limit of " + std::to_string(max_line_bytes_) + " bytes");
  }
  if (line_ == 1 && line->substr(0, 3) == "\xEF\xBB\xBF") line->remove_prefix(3);
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  return true;
}

bool DelimitedReader::Next() {
  std::string_view line;
  while (NextLine(&line)) {
    // One scan splits the line, notices quotes and non-ASCII bytes, and tells blank lines apart.
    fields_.clear();
    bool blank = true;
    bool quoted = false;
    bool ascii = true;
    std::size_t start = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == separator_) {
        fields_.push_back(line.substr(start, i - start));
        start = i + 1;
      } else if (c == '"') {
        quoted = true;
      }
      ascii = ascii && static_cast<unsigned char>(c) < 0x80;
      blank = blank && (c == ' ' || c == '\t');
    }
    if (blank) continue;
    if (!ascii) {
      const std::size_t bad = internal::InvalidUtf8At(line);
      if (bad != std::string_view::npos) {
        Error(line_, "invalid UTF-8 at byte " + std::to_string(bad + 1) +
                         " of the line; expected UTF-8 text");
        continue;
      }
    }
    if (!quoted) {
      fields_.push_back(line.substr(start));
      return true;
    }
    std::string error;
    if (!SplitRecord(line, separator_, &unquoted_, &error)) {
      Error(line_, error);
      continue;
    }
    fields_.assign(unquoted_.begin(), unquoted_.end());
    return true;
  }
  return false;
}

void DelimitedReader::Error(std::int64_t line, std::string message) {
  ++error_count_;
  if (errors_.size() < kMaxKeptErrors) {
    errors_.push_back({Severity::kError, {DisplayPath(path()), "", line}, std::move(message)});
  }
}

void DelimitedReader::ThrowIfErrors() {
  if (errors_.empty()) return;
  if (error_count_ > errors_.size()) {
    std::string message = "... and ";
    message += std::to_string(error_count_ - errors_.size());
    message += " more errors";
    errors_.push_back({Severity::kError, {DisplayPath(path()), "", 0}, std::move(message)});
  }
  throw InputError(std::move(errors_));
}

}  // namespace credence::input_internal

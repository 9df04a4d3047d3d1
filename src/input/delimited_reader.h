// Streams a delimited text file (CSV, TSV) row by row in fixed-size blocks: the text is never
// held whole, and a row's fields are views into the current block. Handles a UTF-8 BOM, CRLF,
// blank lines and RFC 4180 quoting; digests the bytes as they pass.
#ifndef CREDENCE_INPUT_DELIMITED_READER_H_
#define CREDENCE_INPUT_DELIMITED_READER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "credence/error.h"
#include "input/input_source.h"
#include "input/sha256_stream.h"

namespace credence::input_internal {

class DelimitedReader {
 public:
  // Reads `source` (which must outlive the reader) from where it stands.
  DelimitedReader(InputSource& source, char separator, std::size_t max_line_bytes);
  ~DelimitedReader() = default;
  DelimitedReader(const DelimitedReader&) = delete;
  DelimitedReader& operator=(const DelimitedReader&) = delete;

  // The next non-blank row; false at the end. A row that cannot be split (a quoting error) is
  // recorded as an error and skipped. Throws InputError for a line longer than the limit.
  bool Next();
  std::span<const std::string_view> fields() const { return fields_; }
  std::int64_t line() const { return line_; }

  // Records an error at `line` (at most 100 are kept; the rest are counted).
  void Error(std::int64_t line, std::string message);
  // Throws InputError with every recorded error, if any.
  void ThrowIfErrors();

  const std::string& path() const { return source_.path(); }
  // The size of the file in bytes, 0 when unknown (a pipe, standard input).
  std::size_t size_hint() const { return source_.size_hint(); }
  // The digest of the whole input; call after Next() returned false.
  std::string Digest() { return digest_.Finish(); }

 private:
  bool NextLine(std::string_view* line);
  void Refill();

  InputSource& source_;
  char separator_;
  std::size_t max_line_bytes_;
  bool at_eof_ = false;
  std::string buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::int64_t line_ = 0;
  std::vector<std::string_view> fields_;
  std::vector<std::string> unquoted_;
  std::vector<Diagnostic> errors_;
  std::size_t error_count_ = 0;
  Sha256Stream digest_;
};

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_DELIMITED_READER_H_

#include "input/input_source.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "credence/error.h"

namespace credence::input_internal {

namespace {

[[noreturn]] void Fail(const std::string& display_path, std::string message) {
  throw InputError(Diagnostic{Severity::kError, Location{display_path, "", 0}, std::move(message)});
}

std::string SizeMessage(std::string_view size, std::size_t max_bytes) {
  return "the input is " + std::string(size) + " bytes, larger than the limit of " +
         std::to_string(max_bytes) + " bytes";
}

}  // namespace

InputSource::InputSource(const std::string& path)
    : path_(path), display_path_(path == "-" ? "<stdin>" : path) {
  if (path == "-") {
    file_ = stdin;
  } else {
    errno = 0;
    file_ = std::fopen(path.c_str(), "rb");
    if (file_ == nullptr) {
      Fail(display_path_, std::string("cannot open the input: ") +
                              (errno != 0 ? std::strerror(errno) : "unknown error"));
    }
    owns_file_ = true;
  }
  // Asked of the open descriptor, not the path: a FIFO or /dev/fd path has no size to ask for,
  // and the file the path names may change after it was opened.
  struct stat status {};
  if (::fstat(::fileno(file_), &status) == 0) {
    if (S_ISDIR(status.st_mode)) {
      if (owns_file_) std::fclose(file_);
      owns_file_ = false;
      Fail(display_path_, "cannot read the input: it is a directory");
    }
    if (S_ISREG(status.st_mode)) size_hint_ = static_cast<std::size_t>(status.st_size);
  }
}

InputSource::~InputSource() {
  if (owns_file_) std::fclose(file_);
}

std::size_t InputSource::ReadStream(char* buffer, std::size_t size) {
  const std::size_t read = std::fread(buffer, 1, size, file_);
  if (read < size && std::ferror(file_) != 0) {
    Fail(display_path_, std::string("cannot read the input: ") + std::strerror(errno));
  }
  return read;
}

std::string_view InputSource::Peek(std::size_t bytes) {
  if (read_started_) {
    // The peeked bytes may be gone: detection peeks, then one reader reads.
    throw std::logic_error("InputSource::Peek after Read");
  }
  if (prefix_.size() < bytes) {
    const std::size_t old_size = prefix_.size();
    prefix_.resize(bytes);
    prefix_.resize(old_size + ReadStream(prefix_.data() + old_size, bytes - old_size));
  }
  return std::string_view(prefix_).substr(0, std::min(bytes, prefix_.size()));
}

std::size_t InputSource::Read(char* buffer, std::size_t size) {
  read_started_ = true;
  std::size_t read = 0;
  if (prefix_offset_ < prefix_.size()) {
    read = std::min(size, prefix_.size() - prefix_offset_);
    std::memcpy(buffer, prefix_.data() + prefix_offset_, read);
    prefix_offset_ += read;
    if (prefix_offset_ == prefix_.size()) prefix_ = std::string();  // frees it
    if (prefix_.empty()) prefix_offset_ = 0;
  }
  if (read < size) read += ReadStream(buffer + read, size - read);
  return read;
}

std::string InputSource::ReadAll(std::size_t max_bytes) {
  // Refuse an oversized regular file before reading a byte of it.
  if (size_hint_ > max_bytes)
    Fail(display_path_, SizeMessage(std::to_string(size_hint_), max_bytes));
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  std::string bytes;
  bytes.reserve(std::min(size_hint_, max_bytes) + kChunk);
  for (;;) {
    const std::size_t old_size = bytes.size();
    bytes.resize(old_size + kChunk);
    const std::size_t read = Read(bytes.data() + old_size, kChunk);
    bytes.resize(old_size + read);
    // The size of a pipe is not known up front, and a file may grow while it is read.
    if (bytes.size() > max_bytes) {
      Fail(display_path_, SizeMessage("more than " + std::to_string(max_bytes), max_bytes));
    }
    if (read == 0) break;
  }
  return bytes;
}

}  // namespace credence::input_internal

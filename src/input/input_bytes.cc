#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

#include "credence/error.h"
#include "credence/input.h"

namespace credence {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

[[noreturn]] void Fail(const std::string& path, std::string message) {
  throw InputError(Diagnostic{Severity::kError, Location{path == "-" ? "<stdin>" : path, "", 0},
                              std::move(message)});
}

std::string SizeMessage(std::string_view size, std::size_t max_bytes) {
  return "the input is " + std::string(size) + " bytes, larger than the limit of " +
         std::to_string(max_bytes) + " bytes";
}

// Reads to the end, refusing to hold more than max_bytes: the size of a pipe is not known up
// front, and a file may grow while it is read.
std::string ReadStream(std::FILE* stream, const std::string& path, std::size_t max_bytes,
                       std::size_t size_hint) {
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  std::string bytes;
  bytes.reserve(size_hint + kChunk);
  for (;;) {
    const std::size_t old_size = bytes.size();
    bytes.resize(old_size + kChunk);
    const std::size_t read = std::fread(bytes.data() + old_size, 1, kChunk, stream);
    bytes.resize(old_size + read);
    if (bytes.size() > max_bytes) {
      Fail(path, SizeMessage("more than " + std::to_string(max_bytes), max_bytes));
    }
    if (read < kChunk) {
      break;
    }
  }
  if (std::ferror(stream) != 0) {
    Fail(path, std::string("cannot read the input: ") + std::strerror(errno));
  }
  return bytes;
}

}  // namespace

std::string ReadInputBytes(const std::string& path, std::size_t max_bytes) {
  if (path == "-") {
    return ReadStream(stdin, path, max_bytes, 0);
  }

  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    Fail(path, "cannot read the input: it is a directory");
  }
  errno = 0;
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) {
    Fail(path, std::string("cannot open the input: ") +
                   (errno != 0 ? std::strerror(errno) : "unknown error"));
  }
  // Refuse an oversized regular file before reading a byte of it.
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) {
    return ReadStream(file.get(), path, max_bytes, 0);
  }
  if (size > max_bytes) {
    Fail(path, SizeMessage(std::to_string(size), max_bytes));
  }
  return ReadStream(file.get(), path, max_bytes, static_cast<std::size_t>(size));
}

}  // namespace credence

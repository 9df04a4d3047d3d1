// Writing outputs so that a reader sees either the old file or the whole new one, never a part.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <iostream>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "credence/output.h"

namespace credence {
namespace {

std::string ErrorText(int error) { return std::generic_category().message(error); }

[[noreturn]] void Fail(const std::string& path, int error) {
  throw std::runtime_error("cannot write " + path + ": " + ErrorText(error));
}

// Creates a fresh temporary file next to `path`. The counter makes names unique between threads
// of one process without shared state: O_EXCL refuses a name that is taken, so the next is tried.
int CreateTemporary(const std::string& path, std::string* temporary) {
  const std::string prefix = path + ".tmp-" + std::to_string(::getpid()) + "-";
  constexpr int kAttempts = 1000;
  for (int counter = 0; counter < kAttempts; ++counter) {
    *temporary = prefix + std::to_string(counter);
    const int fd = ::open(temporary->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      return fd;
    }
    if (errno != EEXIST) {
      Fail(path, errno);
    }
  }
  Fail(path, EEXIST);
}

// 0 on success, else the errno of the first failure (fsync is the caller's).
int WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

// After a rename the new directory entry itself must reach the disk; failing that is no reason
// to report the write as failed (some file systems refuse fsync on directories).
void SyncDirectoryOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string directory =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return;
  }
  ::fsync(fd);
  ::close(fd);
}

// An output stream buffer over a file descriptor: WriteAll per 1 MiB, the first error kept.
class FdStreamBuffer final : public std::streambuf {
 public:
  explicit FdStreamBuffer(int fd) : fd_(fd), buffer_(std::size_t{1} << 20) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (Drain() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return Drain() == 0 ? 0 : -1; }

 private:
  int Drain() {
    const std::size_t size = static_cast<std::size_t>(pptr() - pbase());
    if (error_ == 0 && size > 0) error_ = WriteAll(fd_, std::string_view(pbase(), size));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

// Renames the finished temporary over `path`, or removes it and throws on `error`.
void Finish(const std::string& path, const std::string& temporary, int fd, int error) {
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && std::rename(temporary.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    Fail(path, error);
  }
  SyncDirectoryOf(path);
}

}  // namespace

void WriteFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path == "-") {
    write(std::cout);
    std::cout.flush();
    if (!std::cout) throw std::runtime_error("cannot write to standard output");
    return;
  }
  if (path.empty()) throw std::runtime_error("cannot write an empty path");
  std::string temporary;
  const int fd = CreateTemporary(path, &temporary);
  FdStreamBuffer buffer(fd);
  std::ostream out(&buffer);
  try {
    write(out);
    out.flush();
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  Finish(path, temporary, fd, buffer.error());
}

void WriteFileAtomically(const std::string& path, std::string_view content) {
  if (path == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    if (!std::cout) {
      throw std::runtime_error("cannot write to standard output");
    }
    return;
  }
  if (path.empty()) {
    throw std::runtime_error("cannot write an empty path");
  }
  std::string temporary;
  const int fd = CreateTemporary(path, &temporary);
  Finish(path, temporary, fd, WriteAll(fd, content));
}

}  // namespace credence

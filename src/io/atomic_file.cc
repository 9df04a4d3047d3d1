// Writing outputs so that a reader sees either the old file or the whole new one, never a part.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "credence/io.h"

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

// 0 on success, else the errno of the first failure.
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
  return ::fsync(fd) == 0 ? 0 : errno;
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

}  // namespace

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
  int error = WriteAll(fd, content);
  if (::close(fd) != 0 && error == 0) {
    error = errno;
  }
  if (error == 0 && std::rename(temporary.c_str(), path.c_str()) != 0) {
    error = errno;
  }
  if (error != 0) {
    ::unlink(temporary.c_str());
    Fail(path, error);
  }
  SyncDirectoryOf(path);
}

}  // namespace credence

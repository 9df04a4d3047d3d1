// An in-memory file with a path (/proc/self/fd/N), for fuzzing the readers that take a path.
#ifndef CREDENCE_TESTS_FUZZ_FUZZ_FILE_H_
#define CREDENCE_TESTS_FUZZ_FUZZ_FILE_H_

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace credence::fuzz {

// Holds the last input written; the path stays valid for the whole fuzzing run.
class FuzzFile {
 public:
  FuzzFile() : fd_(::memfd_create("credence-fuzz", 0)) {
    if (fd_ < 0) std::abort();
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  const std::string& Write(const std::uint8_t* data, std::size_t size) {
    if (::ftruncate(fd_, 0) != 0) std::abort();
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
    return path_;
  }

 private:
  int fd_;
  std::string path_;
};

}  // namespace credence::fuzz

#endif  // CREDENCE_TESTS_FUZZ_FUZZ_FILE_H_

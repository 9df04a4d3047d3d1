// Writing outputs without losing or destroying anything (include/credence/atomic_file.h):
// regular files are replaced through a temporary file and a rename, devices and FIFOs are
// written in place, links are followed, modes are kept, and signals clean up.
#include "credence/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <functional>
#include <ios>
#include <iostream>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace credence {

OutputError::OutputError(std::string path, int error_number, const std::string& reason)
    : std::runtime_error("cannot write " + path + ": " + reason),
      path_(std::move(path)),
      error_number_(error_number) {}

namespace {

constexpr std::string_view kStandardOutput = "standard output";

[[noreturn]] void Fail(const std::string& path, int error, const std::string& detail = {}) {
  std::string reason = std::generic_category().message(error);
  if (!detail.empty()) reason += " (" + detail + ")";
  throw OutputError(path, error, reason);
}

// ---- Temporary files for the signal handlers ----------------------------------------------
// A handler sees only static storage, so the paths of the writes in progress live in a fixed
// table: a writer claims a free slot, copies its temporary path in and arms the slot; the
// handler unlinks the path of every armed slot. Lock-free atomics and unlink() are
// async-signal-safe. A path of PATH_MAX bytes or more cannot be opened, so every one fits.
enum SlotState : int { kFree, kClaimed, kArmed };
struct TemporarySlot {
  std::atomic<int> state{kFree};
  char path[PATH_MAX] = {};
};
static_assert(std::atomic<int>::is_always_lock_free);
// More writes at once than this are still atomic; only their clean-up on a signal is lost.
constexpr int kTemporarySlots = 16;
TemporarySlot g_temporaries[kTemporarySlots];

// Registers a temporary path for the handlers for as long as it lives.
class TemporaryRegistration {
 public:
  explicit TemporaryRegistration(const std::string& path) {
    if (path.size() >= PATH_MAX) return;
    for (TemporarySlot& slot : g_temporaries) {
      int expected = kFree;
      if (slot.state.compare_exchange_strong(expected, kClaimed)) {
        std::memcpy(slot.path, path.c_str(), path.size() + 1);
        slot.state.store(kArmed, std::memory_order_release);
        slot_ = &slot;
        return;
      }
    }
  }
  ~TemporaryRegistration() {
    if (slot_ != nullptr) slot_->state.store(kFree, std::memory_order_release);
  }
  TemporaryRegistration(const TemporaryRegistration&) = delete;
  TemporaryRegistration& operator=(const TemporaryRegistration&) = delete;

 private:
  TemporarySlot* slot_ = nullptr;
};

extern "C" void RemoveTemporariesAndReraise(int signal_number) {
  for (TemporarySlot& slot : g_temporaries) {
    if (slot.state.load(std::memory_order_acquire) == kArmed) ::unlink(slot.path);
  }
  // The default action, once this handler returns and the signal is unblocked, ends the process
  // by the signal itself, so that the parent (a shell, make) sees how it ended.
  struct sigaction action = {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  ::sigaction(signal_number, &action, nullptr);
  ::raise(signal_number);
}

// ---- Writing ---------------------------------------------------------------------------------

// 0 on success, else the errno of the first failure.
int WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (written == 0) return EIO;  // no progress: never spin
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

// An output stream buffer over a file descriptor: WriteAll per 1 MiB. The first error is kept
// and every later write refused, so that a stream with badbit in its exception mask stops.
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

// Writes the content to an open descriptor; returns 0 or the errno of the first failure.
using ContentWriter = std::function<int(int fd)>;

// ---- Where the bytes go ----------------------------------------------------------------------

std::string DirectoryOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The name that a chain of symbolic links starting at `path` ends at (`path` itself when it is
// no link). Relative link targets are read from the link's own directory.
std::string FollowLinks(const std::string& path, const std::string& shown) {
  constexpr int kMaxLinks = 40;  // Linux's own limit (ELOOP)
  std::string current = path;
  std::vector<char> target(PATH_MAX);
  for (int hop = 0; hop < kMaxLinks; ++hop) {
    struct stat status = {};
    if (::lstat(current.c_str(), &status) != 0 || !S_ISLNK(status.st_mode)) return current;
    const ssize_t length = ::readlink(current.c_str(), target.data(), target.size());
    if (length < 0) Fail(shown, errno);
    if (static_cast<std::size_t>(length) >= target.size()) Fail(shown, ENAMETOOLONG);
    const std::string next(target.data(), static_cast<std::size_t>(length));
    if (next.starts_with('/')) {
      current = next;
    } else {
      current = DirectoryOf(current);
      current += '/';
      current += next;
    }
  }
  Fail(shown, ELOOP);
}

// Flushes the directory entry of a rename to disk. Failing that is no reason to report the write
// as failed (some file systems refuse fsync on directories), so errors are ignored.
void SyncDirectory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes `file` (a name links have been followed to) through a temporary file in its directory
// and a rename. `existing` is the status of the regular file being replaced, null for a new one.
void Replace(const std::string& shown, const std::string& file, const struct stat* existing,
             const ContentWriter& write) {
  const std::string directory = DirectoryOf(file);
  const std::string suffix = ".tmp-" + std::to_string(::getpid()) + "-";
  // A name near the file system's limit leaves no room for the suffix: use a short hidden name.
  const std::size_t name_length = file.size() - (file.rfind('/') + 1);
  const std::string prefix = name_length + suffix.size() + 4 <= NAME_MAX
                                 ? file + suffix
                                 : directory + "/.credence" + suffix;
  // Owner-only until the content is complete: the old file may have been private.
  const mode_t create_mode = existing != nullptr ? 0600 : 0666;

  std::string temporary;
  int fd = -1;
  std::optional<TemporaryRegistration> registration;
  // O_EXCL refuses a name that is taken (another thread, or a killed run with the same process
  // id), so the counter moves on; the counter keeps threads of one process apart.
  constexpr int kAttempts = 1000;
  for (int counter = 0; counter < kAttempts && fd < 0; ++counter) {
    temporary = prefix + std::to_string(counter);
    registration.emplace(temporary);  // before open: a signal right after it still cleans up
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, create_mode);
    if (fd < 0) {
      const int error = errno;
      registration.reset();
      if (error == ENOENT) Fail(shown, error, "no directory " + directory);
      if (error == EACCES) Fail(shown, error, "cannot create a file in " + directory);
      if (error != EEXIST) Fail(shown, error);
    }
  }
  if (fd < 0) Fail(shown, EEXIST);

  int error = 0;
  try {
    error = write(fd);
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  if (error == 0 && existing != nullptr) {
    // The owner first (changing it clears set-user-id bits), then the mode. Only root may give
    // a file away, so a refused owner is no error: the file is then the writer's, as with `cp`.
    if (existing->st_uid != ::geteuid() || existing->st_gid != ::getegid()) {
      (void)::fchown(fd, existing->st_uid, existing->st_gid);
    }
    if (::fchmod(fd, existing->st_mode & 07777) != 0) error = errno;
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && std::rename(temporary.c_str(), file.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    Fail(shown, error);
  }
  registration.reset();
  SyncDirectory(directory);
}

// Writes a device or FIFO in place: it is opened, never created, truncated or replaced.
void WriteInPlace(const std::string& shown, const std::string& path, const ContentWriter& write) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) Fail(shown, errno);
  int error = 0;
  try {
    error = write(fd);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) Fail(shown, error);
}

// The descriptor a path names: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N. Writing
// to the descriptor itself keeps what the shell opened (`>> log` appends, a pipe stays a pipe);
// replacing the file the descriptor points at would not.
std::optional<int> DescriptorNamedBy(std::string_view path) {
  if (path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (!path.starts_with(prefix)) continue;
    const std::string_view digits = path.substr(prefix.size());
    int fd = 0;
    const auto [end, status] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
    if (status == std::errc() && end == digits.data() + digits.size() && !digits.empty()) return fd;
  }
  return std::nullopt;
}

void WriteDescriptor(const std::string& shown, int fd, const ContentWriter& write) {
  // Whatever the program printed through std::cout or stdio goes first.
  std::cout.flush();
  std::fflush(stdout);
  std::cerr.flush();
  const int error = ::fcntl(fd, F_GETFL) == -1 ? errno : write(fd);
  if (error != 0) Fail(shown, error);
}

void WriteTo(const std::string& path, const ContentWriter& write) {
  if (path == "-") return WriteDescriptor(std::string(kStandardOutput), STDOUT_FILENO, write);
  if (const std::optional<int> fd = DescriptorNamedBy(path))
    return WriteDescriptor(path, *fd, write);
  if (path.empty()) throw OutputError(path, 0, "the output path is empty");
  struct stat status = {};
  if (::stat(path.c_str(), &status) != 0) {
    // Nothing there yet (or a dangling link): a new file. Any other failure (a missing search
    // permission, a file where a directory should be) is the answer.
    if (errno != ENOENT) Fail(path, errno);
    return Replace(path, FollowLinks(path, path), nullptr, write);
  }
  if (S_ISCHR(status.st_mode) || S_ISFIFO(status.st_mode)) return WriteInPlace(path, path, write);
  if (S_ISDIR(status.st_mode)) Fail(path, EISDIR);
  if (!S_ISREG(status.st_mode)) {
    throw OutputError(
        path, 0,
        std::string(S_ISBLK(status.st_mode) ? "it is a block device" : "it is a socket") +
            "; expected a regular file, a character device or a FIFO");
  }
  const std::string file = FollowLinks(path, path);
  // Replacing a file takes only the directory's permission; a read-only file is refused, as a
  // shell's `>` refuses it.
  if (::faccessat(AT_FDCWD, file.c_str(), W_OK, AT_EACCESS) != 0) Fail(path, errno);
  Replace(path, file, &status, write);
}

}  // namespace

void WriteFileAtomically(const std::string& path, std::string_view content) {
  WriteTo(path, [content](int fd) { return WriteAll(fd, content); });
}

void WriteFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  WriteTo(path, [&write](int fd) {
    FdStreamBuffer buffer(fd);
    std::ostream out(&buffer);
    out.exceptions(std::ios::badbit);  // the first write error ends `write`
    try {
      write(out);
      out.flush();
    } catch (const std::ios_base::failure&) {
      if (buffer.error() == 0) throw;  // not ours
    }
    return buffer.error();
  });
}

void RemoveTemporaryFilesOnSignals() {
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction previous = {};
    if (::sigaction(signal_number, nullptr, &previous) != 0) continue;
    if ((previous.sa_flags & SA_SIGINFO) == 0 && previous.sa_handler == SIG_IGN) continue;
    struct sigaction action = {};
    action.sa_handler = &RemoveTemporariesAndReraise;
    // While one handler removes the files, the other two signals wait.
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    sigaddset(&action.sa_mask, SIGHUP);
    ::sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace credence

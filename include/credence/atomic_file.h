// Writing an output file so that nothing is lost or destroyed: a reader of a regular file sees
// the old content or the whole new one, never a part; devices and pipes stay what they are; a
// failure names the path and the operating system's reason.
#ifndef CREDENCE_ATOMIC_FILE_H_
#define CREDENCE_ATOMIC_FILE_H_

#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace credence {

// An output that could not be written: "cannot write PATH: REASON". The target is left as it
// was (a regular file keeps its old content) and no temporary file remains.
class OutputError : public std::runtime_error {
 public:
  // `error_number` is the errno of the failing system call, 0 when the refusal is credence's own
  // (a block device, say).
  OutputError(std::string path, int error_number, const std::string& reason);

  const std::string& path() const { return path_; }
  int error_number() const { return error_number_; }

 private:
  std::string path_;
  int error_number_;
};

// Writes `content` to `path`, choosing by what `path` is:
//  - "-": standard output (file descriptor 1), written in place after std::cout is flushed;
//    /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N likewise write their descriptor,
//    so that what the shell opened stays as it opened it (`>> log` appends);
//  - a regular file, or a name that does not exist yet: replaced atomically. The content goes to
//    a temporary file beside the target (TARGET.tmp-PID-N), is flushed to disk, gets the old
//    file's mode and owner, and is renamed over the target; the directory is then synced. An
//    existing file that the caller may not write is refused, as a shell's `>` refuses it;
//  - a symbolic link: followed, so the file it points to is replaced in its own directory and
//    the link stays a link (a dangling link creates the file it names);
//  - a character device or a FIFO (/dev/null, /dev/full, /dev/stdout on a pipe, a named pipe):
//    written in place, never replaced, with every write error reported;
//  - a directory, a block device or a socket: refused.
// Throws OutputError on failure.
void WriteFileAtomically(const std::string& path, std::string_view content);
// The same for content written to a stream by `write`. The stream stops at the first write
// error (it throws, and OutputError is reported); if `write` throws, the temporary file is
// removed, the target is left as it was and the exception propagates.
void WriteFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the temporary files of the writes
// in progress and then end the process by the same signal (a shell reports 128 + the signal's
// number). A signal ignored when this is called (nohup's SIGHUP) stays ignored. For programs:
// a library must not take over its host's signals, so nothing installs these implicitly.
// Only SIGKILL (and a power cut) can still leave a TARGET.tmp-PID-N file behind.
void RemoveTemporaryFilesOnSignals();

}  // namespace credence

#endif  // CREDENCE_ATOMIC_FILE_H_

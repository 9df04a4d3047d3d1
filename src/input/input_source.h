// One input, opened once ("-" is standard input). Format detection peeks at its first bytes and
// the reader that follows reads those bytes again from memory, then the rest of the stream: a
// pipe, a FIFO, a /dev/fd path or standard input is read exactly once and loses nothing.
#ifndef CREDENCE_INPUT_INPUT_SOURCE_H_
#define CREDENCE_INPUT_INPUT_SOURCE_H_

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace credence::input_internal {

class InputSource {
 public:
  // Opens the input; throws InputError (naming the path and the system's reason) when it cannot.
  explicit InputSource(const std::string& path);
  ~InputSource();
  InputSource(const InputSource&) = delete;
  InputSource& operator=(const InputSource&) = delete;

  // The path as given, and as messages name it ("<stdin>" for "-").
  const std::string& path() const { return path_; }
  const std::string& display_path() const { return display_path_; }
  // The size of a regular file in bytes; 0 when not known up front (pipes, FIFOs, terminals).
  std::size_t size_hint() const { return size_hint_; }

  // The first bytes of the input, at least `bytes` of them unless the input is shorter. They are
  // kept: Read() returns them again.
  std::string_view Peek(std::size_t bytes);
  // Reads up to `size` bytes into `buffer`: the peeked bytes first, then the stream. Returns 0
  // at the end of the input only. Throws InputError when the system fails to read.
  std::size_t Read(char* buffer, std::size_t size);
  // The rest of the input; more than `max_bytes` in all is refused with an InputError.
  std::string ReadAll(std::size_t max_bytes);

 private:
  std::size_t ReadStream(char* buffer, std::size_t size);

  std::string path_;
  std::string display_path_;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::size_t size_hint_ = 0;
  std::string prefix_;             // peeked, not yet returned by Read
  std::size_t prefix_offset_ = 0;  // bytes of prefix_ already returned
  bool read_started_ = false;
};

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_INPUT_SOURCE_H_

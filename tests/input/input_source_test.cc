// Inputs that can be read only once (pipes, FIFOs, /dev/fd paths, standard input): format
// detection peeks at their first bytes and the reader must still see every byte.
#include "input/input_source.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"

namespace credence {
namespace {

namespace fs = std::filesystem;

// A child process writes `text` into the write end of a pipe and exits; the parent gets the
// read end. The child writes all of it, however large, while the parent reads.
class PipeWriter {
 public:
  explicit PipeWriter(const std::string& text) {
    int fds[2];
    if (::pipe(fds) != 0) std::abort();
    child_ = ::fork();
    if (child_ == 0) {
      ::close(fds[0]);
      std::size_t written = 0;
      while (written < text.size()) {
        const ssize_t n = ::write(fds[1], text.data() + written, text.size() - written);
        if (n <= 0) ::_exit(1);
        written += static_cast<std::size_t>(n);
      }
      ::_exit(0);
    }
    ::close(fds[1]);
    read_fd_ = fds[0];
  }
  ~PipeWriter() {
    if (read_fd_ >= 0) ::close(read_fd_);
    int status = 0;
    ::waitpid(child_, &status, 0);
  }
  PipeWriter(const PipeWriter&) = delete;
  PipeWriter& operator=(const PipeWriter&) = delete;

  int fd() const { return read_fd_; }
  std::string DevFdPath() const { return "/dev/fd/" + std::to_string(read_fd_); }

 private:
  pid_t child_ = -1;
  int read_fd_ = -1;
};

// About 2.6 MB: more than the MiB that detection may peek at.
std::string BigCrowdCsv(int rows) {
  std::ostringstream text;
  text << "question,worker,answer\n";
  for (int i = 0; i < rows; ++i) {
    text << "item-" << i / 10 << ",worker-" << i % 37 << ",label-" << i % 3 << "\n";
  }
  return text.str();
}

TEST(InputSource, PeekedBytesAreReadAgain) {
  const fs::path path = fs::temp_directory_path() / "credence_input_source_test.txt";
  std::ofstream(path, std::ios::binary) << "abcdefghij";
  input_internal::InputSource source(path.string());
  EXPECT_EQ(source.size_hint(), 10U);
  EXPECT_EQ(source.Peek(4), "abcd");
  EXPECT_EQ(source.Peek(20), "abcdefghij");  // shorter than asked: the whole input
  char buffer[3];
  EXPECT_EQ(source.Read(buffer, 3), 3U);
  EXPECT_EQ(std::string(buffer, 3), "abc");
  EXPECT_EQ(source.ReadAll(100), "defghij");
}

TEST(InputSource, ALargeCsvThroughAPipeIsReadWhole) {
  const std::string text = BigCrowdCsv(100000);
  ASSERT_GT(text.size(), std::size_t{2} << 20);
  const PipeWriter pipe(text);
  const ClaimStore store = LoadClaimStore(pipe.DevFdPath(), InputFormat::kAuto);
  EXPECT_EQ(store.num_claims(), 100000U);
  EXPECT_EQ(store.input_digest(), Sha256Digest(text));
}

TEST(InputSource, ASmallCsvThroughAPipeIsNotEmpty) {
  const PipeWriter pipe("question,worker,answer\nq1,w1,yes\nq1,w2,no\n");
  const ClaimStore store = LoadClaimStore(pipe.DevFdPath(), InputFormat::kAuto);
  EXPECT_EQ(store.num_claims(), 2U);
}

TEST(InputSource, ADocumentThroughAFifoParses) {
  const fs::path dir = fs::temp_directory_path() / ("credence_fifo_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path fifo = dir / "claims.json";
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string document = R"({"predicates": [{"id": "p", "value_kind": "boolean"}],
    "outlets": [{"id": "o"}],
    "articles": [{"id": "a", "outlet": "o", "published": "2025-01-01",
                  "claims": [{"id": "c", "subject": "s", "predicate": "p", "value": true}]}]})";
  const pid_t child = ::fork();
  if (child == 0) {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd < 0 ||
        ::write(fd, document.data(), document.size()) != static_cast<ssize_t>(document.size())) {
      ::_exit(1);
    }
    ::_exit(0);
  }
  InputFormat detected = InputFormat::kAuto;
  const ClaimStore store =
      LoadClaimStore(fifo.string(), InputFormat::kAuto, {}, nullptr, &detected);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_EQ(detected, InputFormat::kClaimsJson);
  EXPECT_EQ(store.num_claims(), 1U);
  fs::remove_all(dir);
}

TEST(InputSource, StandardInputWithAutoDetectionReadsEverything) {
  const std::string text = BigCrowdCsv(60000);
  const PipeWriter pipe(text);
  const int saved = ::dup(STDIN_FILENO);
  ASSERT_GE(saved, 0);
  ASSERT_EQ(::dup2(pipe.fd(), STDIN_FILENO), STDIN_FILENO);
  std::clearerr(stdin);
  std::size_t claims = 0;
  try {
    claims = LoadClaimStore("-", InputFormat::kAuto).num_claims();
  } catch (const InputError& error) {
    ADD_FAILURE() << error.what();
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  std::clearerr(stdin);
  EXPECT_EQ(claims, 60000U);
}

TEST(InputSource, JsonLinesThroughAPipeAreReadWhole) {
  std::string text = R"({"credence": "1", "predicates": [{"id": "p", "value_kind": "boolean"}]})"
                     "\n";
  for (int i = 0; i < 30000; ++i) {
    text += R"({"id": "c)" + std::to_string(i) + R"(", "outlet": "o)" + std::to_string(i % 7) +
            R"(", "subject": "s)" + std::to_string(i / 5) +
            R"(", "predicate": "p", "value": true, "as_of": "2024-01-01"})"
            "\n";
  }
  ASSERT_GT(text.size(), std::size_t{1} << 20);
  const PipeWriter pipe(text);
  InputFormat detected = InputFormat::kAuto;
  const ClaimStore store =
      LoadClaimStore(pipe.DevFdPath(), InputFormat::kAuto, {}, nullptr, &detected);
  EXPECT_EQ(detected, InputFormat::kClaimsJsonl);
  EXPECT_EQ(store.num_claims(), 30000U);
}

TEST(InputSource, ADirectoryIsRefusedByName) {
  try {
    input_internal::InputSource source(fs::temp_directory_path().string());
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("it is a directory"), std::string::npos);
  }
}

}  // namespace
}  // namespace credence

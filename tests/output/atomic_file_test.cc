// WriteFileAtomically: regular files replaced whole, devices and FIFOs written in place, links
// followed, modes kept, every failure reported, and temporary files removed on signals.
#include "credence/atomic_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace credence {
namespace {

namespace fs = std::filesystem;

class WriteFileAtomicallyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("credence-atomic-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const fs::directory_entry& entry : fs::directory_iterator(directory_)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  static std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  fs::path directory_;
};

TEST_F(WriteFileAtomicallyTest, WritesTheContentAndNothingElse) {
  const fs::path path = directory_ / "scores.json";
  WriteFileAtomically(path.string(), "{\"a\": 1}\n");
  EXPECT_EQ(Read(path), "{\"a\": 1}\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"scores.json"});
}

TEST_F(WriteFileAtomicallyTest, OverwritesWithoutLeavingOldBytes) {
  const fs::path path = directory_ / "scores.json";
  WriteFileAtomically(path.string(), "a much longer first version\n");
  WriteFileAtomically(path.string(), "short\n");
  EXPECT_EQ(Read(path), "short\n");
  WriteFileAtomically(path.string(), "");
  EXPECT_EQ(Read(path), "");
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(Entries(), std::vector<std::string>{"scores.json"});
}

TEST_F(WriteFileAtomicallyTest, StreamsMoreThanOneBufferOfContent) {
  const fs::path path = directory_ / "scores.json";
  std::string expected;
  for (int i = 0; i < 300000; ++i) expected += "line " + std::to_string(i) + "\n";  // ~3.6 MB
  WriteFileAtomically(path.string(), [&](std::ostream& out) {
    for (std::size_t i = 0; i < expected.size(); i += 1000) out << expected.substr(i, 1000);
  });
  EXPECT_EQ(Read(path), expected);
  EXPECT_EQ(Entries(), std::vector<std::string>{"scores.json"});
}

TEST_F(WriteFileAtomicallyTest, AThrowingWriterLeavesTheOldFileAndNoTemporary) {
  const fs::path path = directory_ / "scores.json";
  WriteFileAtomically(path.string(), "old\n");
  EXPECT_THROW(WriteFileAtomically(path.string(),
                                   [](std::ostream& out) {
                                     out << std::string(3 << 20, 'x');  // past the first buffer
                                     throw std::runtime_error("halfway");
                                   }),
               std::runtime_error);
  EXPECT_EQ(Read(path), "old\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"scores.json"});
}

TEST_F(WriteFileAtomicallyTest, MissingDirectoryThrowsNamingThePathAndTheReason) {
  const std::string missing = (directory_ / "missing").string();
  const std::string path = missing + "/scores.json";
  try {
    WriteFileAtomically(path, "content");
    FAIL() << "expected OutputError";
  } catch (const OutputError& error) {
    EXPECT_EQ(
        std::string(error.what()),
        "cannot write " + path + ": No such file or directory (no directory " + missing + ")");
    EXPECT_EQ(error.path(), path);
    EXPECT_EQ(error.error_number(), ENOENT);
  }
  EXPECT_TRUE(Entries().empty());
}

TEST_F(WriteFileAtomicallyTest, ADirectoryIsRefusedAndLeftAlone) {
  const fs::path path = directory_ / "scores.json";
  fs::create_directories(path / "inside");
  try {
    WriteFileAtomically(path.string(), "content");
    FAIL() << "expected OutputError";
  } catch (const OutputError& error) {
    EXPECT_EQ(std::string(error.what()), "cannot write " + path.string() + ": Is a directory");
  }
  EXPECT_EQ(Entries(), std::vector<std::string>{"scores.json"});
  EXPECT_TRUE(fs::is_directory(path / "inside"));
}

TEST_F(WriteFileAtomicallyTest, KeepsTheModeOfTheFileItReplaces) {
  const fs::path path = directory_ / "private.json";
  for (const fs::perms mode : {fs::perms(0600), fs::perms(0640), fs::perms(0604)}) {
    WriteFileAtomically(path.string(), "old\n");
    fs::permissions(path, mode);
    WriteFileAtomically(path.string(), "new\n");
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::mask, mode);
    EXPECT_EQ(Read(path), "new\n");
  }
  // A new file gets the mode the umask leaves of 0666, as a shell's `>` gives it.
  const mode_t mask = ::umask(022);
  ::umask(mask);
  const fs::path fresh = directory_ / "fresh.json";
  WriteFileAtomically(fresh.string(), "x");
  EXPECT_EQ(static_cast<mode_t>(fs::status(fresh).permissions() & fs::perms::mask), 0666 & ~mask);
}

TEST_F(WriteFileAtomicallyTest, WritesThroughASymbolicLinkAndKeepsTheLink) {
  // The link and its target in different folders, the link relative: the file is replaced in
  // its own folder, and the link still points at it.
  fs::create_directories(directory_ / "data");
  const fs::path target = directory_ / "data" / "scores.json";
  WriteFileAtomically(target.string(), "old\n");
  fs::permissions(target, fs::perms(0600));
  const fs::path link = directory_ / "latest.json";
  fs::create_symlink("data/scores.json", link);
  WriteFileAtomically(link.string(), "new\n");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), fs::path("data/scores.json"));
  EXPECT_EQ(Read(target), "new\n");
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::mask, fs::perms(0600));
  EXPECT_EQ(Entries().size(), 2U);  // data/ and the link: no temporary anywhere
  EXPECT_EQ(std::distance(fs::directory_iterator(directory_ / "data"), fs::directory_iterator()),
            1);
}

TEST_F(WriteFileAtomicallyTest, ADanglingLinkCreatesTheFileItNames) {
  const fs::path link = directory_ / "latest.json";
  fs::create_symlink("created.json", link);
  WriteFileAtomically(link.string(), "content\n");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Read(directory_ / "created.json"), "content\n");
}

TEST_F(WriteFileAtomicallyTest, AFifoIsWrittenInPlace) {
  const fs::path fifo = directory_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = Read(fifo); });  // opening blocks until the writer opens
  std::string content;
  for (int i = 0; i < 100000; ++i) content += "line " + std::to_string(i) + "\n";  // > a pipe
  WriteFileAtomically(fifo.string(), [&](std::ostream& out) { out << content; });
  reader.join();
  EXPECT_EQ(received, content);
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(Entries(), std::vector<std::string>{"pipe"});
}

// A character device is written in place, never replaced. As root, a private copy of /dev/null
// (made with mknod) stands in for the system's, so that a regression cannot replace the real
// one; without root /dev/null itself is safe to use, since /dev cannot be written.
TEST_F(WriteFileAtomicallyTest, ACharacterDeviceStaysADevice) {
  fs::path device = "/dev/null";
  if (::geteuid() == 0) {
    device = directory_ / "null";
    if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
      GTEST_SKIP() << "cannot make a device node here: " << std::strerror(errno);
    }
  }
  WriteFileAtomically(device.string(), "discarded\n");
  WriteFileAtomically(device.string(), [](std::ostream& out) { out << std::string(3 << 20, 'x'); });
  struct stat status = {};
  ASSERT_EQ(::stat(device.c_str(), &status), 0);
  EXPECT_TRUE(S_ISCHR(status.st_mode));
  EXPECT_EQ(status.st_rdev, makedev(1, 3));
}

TEST_F(WriteFileAtomicallyTest, ADescriptorPathWritesTheDescriptorAsOpened) {
  // `credence ... -o /dev/stdout >> log` must append to log, not replace it.
  const fs::path log = directory_ / "log.json";
  std::ofstream(log) << "previous\n";
  const int fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  WriteFileAtomically("/dev/fd/" + std::to_string(fd), "first\n");
  WriteFileAtomically("/proc/self/fd/" + std::to_string(fd),
                      [](std::ostream& out) { out << "second\n"; });
  ::close(fd);
  EXPECT_EQ(Read(log), "previous\nfirst\nsecond\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"log.json"});
  try {
    WriteFileAtomically("/dev/fd/" + std::to_string(fd), "x");  // closed now
    FAIL() << "expected OutputError";
  } catch (const OutputError& error) {
    EXPECT_EQ(error.error_number(), EBADF);
  }
}

TEST_F(WriteFileAtomicallyTest, AFullDeviceFailsWithTheReason) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  try {
    WriteFileAtomically("/dev/full", "content");
    FAIL() << "expected OutputError";
  } catch (const OutputError& error) {
    EXPECT_EQ(std::string(error.what()), "cannot write /dev/full: No space left on device");
    EXPECT_EQ(error.error_number(), ENOSPC);
  }
  // A streamed write stops at the first failed block instead of formatting the rest.
  std::size_t blocks = 0;
  EXPECT_THROW(WriteFileAtomically("/dev/full",
                                   [&](std::ostream& out) {
                                     for (; blocks < 1000; ++blocks)
                                       out << std::string(1 << 20, 'x');
                                   }),
               OutputError);
  EXPECT_LT(blocks, 3U);
}

TEST_F(WriteFileAtomicallyTest, ABlockDeviceIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "making a block device node needs root";
  const fs::path device = directory_ / "disk";
  if (::mknod(device.c_str(), S_IFBLK | 0600, makedev(7, 200)) != 0) {
    GTEST_SKIP() << "cannot make a device node here: " << std::strerror(errno);
  }
  try {
    WriteFileAtomically(device.string(), "content");
    FAIL() << "expected OutputError";
  } catch (const OutputError& error) {
    EXPECT_NE(std::string(error.what()).find("it is a block device"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(Entries(), std::vector<std::string>{"disk"});
}

TEST_F(WriteFileAtomicallyTest, AReadOnlyFileIsRefusedAsByAShell) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write any file";
  const fs::path path = directory_ / "frozen.json";
  WriteFileAtomically(path.string(), "old\n");
  fs::permissions(path, fs::perms(0444));
  EXPECT_THROW(WriteFileAtomically(path.string(), "new\n"), OutputError);
  EXPECT_EQ(Read(path), "old\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"frozen.json"});
}

// A child process replaces `path` with a writer that stops half-way (a slow writer), tells the
// parent through a pipe, and waits for its signal. Returns the child's wait status.
int StatusAfterSignalMidWrite(const fs::path& path, int signal_number, bool ignore_sighup,
                              bool* temporary_seen) {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(ready[0]);
    // The test may run with some of these ignored (a background job ignores SIGINT).
    for (const int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, SIG_DFL);
    if (ignore_sighup) ::signal(SIGHUP, SIG_IGN);
    RemoveTemporaryFilesOnSignals();
    try {
      WriteFileAtomically(path.string(), [&](std::ostream& out) {
        out << std::string(3 << 20, 'x') << std::flush;  // on disk, in the temporary file
        const char byte = 1;
        (void)::write(ready[1], &byte, 1);
        for (;;) ::pause();
      });
    } catch (...) {
    }
    ::_exit(99);
  }
  ::close(ready[1]);
  char byte = 0;
  const bool started = ::read(ready[0], &byte, 1) == 1;
  ::close(ready[0]);
  *temporary_seen = false;
  for (const fs::directory_entry& entry : fs::directory_iterator(path.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(path.filename().string() + ".tmp-" + std::to_string(child) + "-", 0) == 0) {
      *temporary_seen = fs::file_size(entry.path()) == (3U << 20);
    }
  }
  if (ignore_sighup) {
    ::kill(child, SIGHUP);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    int early = 0;
    if (::waitpid(child, &early, WNOHANG) != 0) return -2;  // SIGHUP ended it: not ignored
  }
  ::kill(child, signal_number);
  int status = 0;
  ::waitpid(child, &status, 0);
  return started ? status : -1;
}

class SignalMidWriteTest : public WriteFileAtomicallyTest,
                           public ::testing::WithParamInterface<int> {};

TEST_P(SignalMidWriteTest, RemovesTheTemporaryFileAndEndsByTheSignal) {
  const int signal_number = GetParam();
  const fs::path path = directory_ / "scores.json";
  WriteFileAtomically(path.string(), "old\n");
  bool temporary_seen = false;
  const int status = StatusAfterSignalMidWrite(path, signal_number, false, &temporary_seen);
  EXPECT_TRUE(temporary_seen) << "the child never had its temporary file half-written";
  ASSERT_TRUE(WIFSIGNALED(status)) << "status " << status;
  EXPECT_EQ(WTERMSIG(status), signal_number);  // a shell reports 128 + the signal
  EXPECT_EQ(Read(path), "old\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"scores.json"});
}

INSTANTIATE_TEST_SUITE_P(Signals, SignalMidWriteTest, ::testing::Values(SIGINT, SIGTERM, SIGHUP),
                         [](const ::testing::TestParamInfo<int>& param) {
                           return std::string(sigabbrev_np(param.param));
                         });

TEST_F(WriteFileAtomicallyTest, AnIgnoredHangupStaysIgnored) {
  // nohup sets SIGHUP to be ignored; the clean-up handlers must not end such a run.
  const fs::path path = directory_ / "scores.json";
  bool temporary_seen = false;
  const int status = StatusAfterSignalMidWrite(path, SIGTERM, true, &temporary_seen);
  ASSERT_NE(status, -2) << "SIGHUP ended a process that ignored it";
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  EXPECT_TRUE(Entries().empty());
}

TEST_F(WriteFileAtomicallyTest, DashWritesToStandardOutput) {
  ::testing::internal::CaptureStdout();
  WriteFileAtomically("-", "to standard output\n");
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "to standard output\n");
  EXPECT_TRUE(Entries().empty());
}

}  // namespace
}  // namespace credence

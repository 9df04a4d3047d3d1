// Atomic output, end to end: `credence score -o` replacing an existing output file is stopped by
// a signal at several moments of the run. Afterwards the file must hold either the old content or
// a complete new scores document, never a part of one. SIGINT, SIGTERM and SIGHUP must also leave
// no temporary file and end the run by the signal itself; only SIGKILL, which nothing can catch,
// may leave the killed run's TARGET.tmp-PID-N behind (docs/robustness.md). The deterministic
// case, a signal while the temporary file is half-written, is in tests/output/atomic_file_test.cc.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Starts `credence score INPUT -o OUTPUT` and returns its process id.
pid_t StartScore(const fs::path& input, const fs::path& output) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string in = input.string();
    const std::string out = output.string();
    const int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
    // The test may run with some signals ignored (a background job ignores SIGINT); a user's
    // interactive run has them at their defaults.
    for (const int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, SIG_DFL);
    ::execl(CREDENCE_BINARY, CREDENCE_BINARY, "score", in.c_str(), "-o", out.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// A complete scores document: parses, and has the parts every scores document has.
bool IsCompleteScores(const std::string& text) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return document.is_object() && document.contains("outlets") && document.contains("summary");
}

class StopMidWriteTest : public ::testing::TestWithParam<int> {
 protected:
  // One 1500-claim input for every signal.
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("credence_kill_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string synth = std::string(CREDENCE_BINARY) + " synth --out-prefix " +
                              (dir_ / "big").string() + " --claims 1500 --seed 7 2>/dev/null";
    ASSERT_EQ(std::system(synth.c_str()), 0);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static fs::path dir_;
};
fs::path StopMidWriteTest::dir_;

TEST_P(StopMidWriteTest, OutputIsTheOldFileOrTheWholeNewOne) {
  const int signal_number = GetParam();
  const bool catchable = signal_number != SIGKILL;
  const fs::path input = dir_ / "big.claims.json";
  ASSERT_TRUE(fs::exists(input));
  const fs::path output = dir_ / "scores.json";
  const std::string old_content = "the old output\n";

  // How long an uninterrupted run takes, to spread the signals over it.
  std::ofstream(output, std::ios::trunc) << old_content;
  const auto start = std::chrono::steady_clock::now();
  int status = 0;
  ::waitpid(StartScore(input, output), &status, 0);
  const auto full = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_TRUE(IsCompleteScores(Slurp(output)));

  int old_seen = 0;
  int new_seen = 0;
  int ended_by_signal = 0;
  constexpr int kStops = 6;
  for (int k = 0; k < kStops; ++k) {
    std::ofstream(output, std::ios::trunc) << old_content;
    const pid_t pid = StartScore(input, output);
    // From the very start to a little past the usual end, where the write happens.
    std::this_thread::sleep_for(full * k / (kStops - 2));
    ::kill(pid, signal_number);
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
      EXPECT_EQ(WTERMSIG(status), signal_number) << "stop " << k;
      ++ended_by_signal;
    } else {
      // The run had finished before the signal came.
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "stop " << k;
    }
    const std::string content = Slurp(output);
    if (content == old_content) {
      ++old_seen;
    } else {
      EXPECT_TRUE(IsCompleteScores(content)) << "stop " << k << " left " << content.size()
                                             << " bytes that are not a whole scores document";
      ++new_seen;
    }
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      if (name == "scores.json" || name.rfind("big.", 0) == 0) continue;
      // A caught signal removes the temporary file; SIGKILL cannot, and the file it leaves is
      // named after the output and the process, so that it is recognisable.
      EXPECT_FALSE(catchable) << name << " left after " << strsignal(signal_number);
      EXPECT_EQ(name.rfind("scores.json.tmp-" + std::to_string(pid) + "-", 0), 0U) << name;
      fs::remove(entry.path());
    }
  }
  // The early signals must have found the run going and the old file in place; the test means
  // nothing otherwise.
  EXPECT_GT(old_seen, 0);
  EXPECT_GT(ended_by_signal, 0);
  EXPECT_EQ(old_seen + new_seen, kStops);
  std::cout << strsignal(signal_number) << ": old file after " << old_seen
            << " stops, new file after " << new_seen << "\n";
}

INSTANTIATE_TEST_SUITE_P(Signals, StopMidWriteTest,
                         ::testing::Values(SIGKILL, SIGTERM, SIGINT, SIGHUP),
                         [](const ::testing::TestParamInfo<int>& param) {
                           return std::string(sigabbrev_np(param.param));
                         });

}  // namespace

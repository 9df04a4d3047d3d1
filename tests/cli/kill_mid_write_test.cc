// Atomic output, end to end: `credence score` is killed with SIGKILL at several moments of a run
// that replaces an existing output file; afterwards the file must hold either the old content or
// a complete new scores document, never a part of one.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
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

TEST(KillMidWrite, OutputIsTheOldFileOrTheWholeNewOne) {
  const fs::path dir =
      fs::temp_directory_path() / ("credence_kill_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path prefix = dir / "big";
  const std::string synth = std::string(CREDENCE_BINARY) + " synth --out-prefix " +
                            prefix.string() + " --claims 3000 --seed 7 2>/dev/null";
  ASSERT_EQ(std::system(synth.c_str()), 0);
  const fs::path input = dir / "big.claims.json";
  ASSERT_TRUE(fs::exists(input));

  const fs::path output = dir / "scores.json";
  const std::string old_content = "the old output\n";

  // How long an uninterrupted run takes, to spread the kills over it.
  std::ofstream(output) << old_content;
  const auto start = std::chrono::steady_clock::now();
  int status = 0;
  ::waitpid(StartScore(input, output), &status, 0);
  const auto full = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_TRUE(IsCompleteScores(Slurp(output)));

  int old_seen = 0;
  int new_seen = 0;
  constexpr int kKills = 8;
  for (int k = 0; k < kKills; ++k) {
    std::ofstream(output, std::ios::trunc) << old_content;
    const pid_t pid = StartScore(input, output);
    // From the very start to a little past the usual end, where the write happens.
    std::this_thread::sleep_for(full * k / (kKills - 2));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    const std::string content = Slurp(output);
    if (content == old_content) {
      ++old_seen;
    } else {
      EXPECT_TRUE(IsCompleteScores(content)) << "kill " << k << " left " << content.size()
                                             << " bytes that are not a whole scores document";
      ++new_seen;
    }
    // A killed run cannot remove its temporary file; the one it may leave is named after the
    // output and the process, so that it is recognisable (docs/robustness.md).
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name == "scores.json" || name.rfind("big.", 0) == 0) continue;
      EXPECT_EQ(name.rfind("scores.json.tmp-" + std::to_string(pid) + "-", 0), 0U) << name;
      fs::remove(entry.path());
    }
  }
  // The early kills must have found the old file; the test means nothing otherwise.
  EXPECT_GT(old_seen, 0);
  EXPECT_EQ(old_seen + new_seen, kKills);
  std::cout << "old file after " << old_seen << " kills, new file after " << new_seen << "\n";
  fs::remove_all(dir);
}

}  // namespace

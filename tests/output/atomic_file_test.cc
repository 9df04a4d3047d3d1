#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "credence/output.h"

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

TEST_F(WriteFileAtomicallyTest, MissingDirectoryThrowsNamingThePath) {
  const std::string path = (directory_ / "missing" / "scores.json").string();
  try {
    WriteFileAtomically(path, "content");
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), "cannot write " + path + ": No such file or directory");
  }
  EXPECT_TRUE(Entries().empty());
}

TEST_F(WriteFileAtomicallyTest, FailedRenameRemovesTheTemporaryFile) {
  // A directory cannot be replaced by a file: the temporary is written, the rename fails.
  const fs::path path = directory_ / "scores.json";
  fs::create_directories(path / "inside");
  EXPECT_THROW(WriteFileAtomically(path.string(), "content"), std::runtime_error);
  EXPECT_EQ(Entries(), std::vector<std::string>{"scores.json"});
  EXPECT_TRUE(fs::is_directory(path));
}

TEST_F(WriteFileAtomicallyTest, DashWritesToStandardOutput) {
  ::testing::internal::CaptureStdout();
  WriteFileAtomically("-", "to standard output\n");
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "to standard output\n");
  EXPECT_TRUE(Entries().empty());
}

}  // namespace
}  // namespace credence

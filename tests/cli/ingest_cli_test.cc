// credence ingest and export --db from the command line: exit statuses, located errors, the
// round trip through a store file.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string output;  // standard output and standard error together
};

Outcome RunCredence(const std::string& arguments) {
  const std::string command = std::string(CREDENCE_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  Outcome outcome;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    outcome.output.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

class IngestCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("credence-ingest-cli-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }
  std::string Path(const std::string& name) const { return (directory_ / name).string(); }

  fs::path directory_;
};

TEST_F(IngestCliTest, IngestsExportsAndValidatesTheExport) {
  const std::string fixture =
      std::string(CREDENCE_SOURCE_DIR) + "/fixtures/sweden-nato/claims.json";
  const Outcome first = RunCredence("ingest --db " + Path("s.db") + " " + fixture);
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("new, 0 revised, 0 unchanged"), std::string::npos) << first.output;
  const Outcome again = RunCredence("ingest --db " + Path("s.db") + " " + fixture);
  EXPECT_NE(again.output.find(" 0 new, 0 revised,"), std::string::npos) << again.output;
  EXPECT_EQ(RunCredence("export --db " + Path("s.db") + " -o " + Path("out.json")).exit_code, 0);
  const Outcome valid = RunCredence("validate " + Path("out.json"));
  EXPECT_EQ(valid.exit_code, 0) << valid.output;
}

TEST_F(IngestCliTest, AnInvalidDocumentIsExitStatusOneWithItsPointer) {
  {
    std::ofstream out(Path("bad.json"));
    out << R"({"predicates": [], "articles": [{"id": "a", "outlet": "nobody", "claims": []}]})";
  }
  const Outcome bad = RunCredence("ingest --db " + Path("s.db") + " " + Path("bad.json"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find(Path("bad.json") + ": /articles/0/outlet: unknown outlet"),
            std::string::npos)
      << bad.output;
  // A store that does not exist is not created by export; a usage error is exit status 2.
  EXPECT_EQ(RunCredence("export --db " + Path("missing.db")).exit_code, 1);
  EXPECT_FALSE(fs::exists(Path("missing.db")));
  EXPECT_EQ(RunCredence("export --db " + Path("s.db") + " --claimreview").exit_code, 2);
}

}  // namespace

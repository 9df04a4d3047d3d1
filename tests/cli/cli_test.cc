// The command line end to end: exit codes, messages, determinism, schema conformance.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path TempDir() {
  const fs::path dir =
      fs::temp_directory_path() / ("credence_cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

// Runs the credence binary with `arguments` (already shell-quoted where needed).
Outcome RunCredence(const std::string& arguments) {
  const fs::path err_file = TempDir() / "stderr.txt";
  const std::string command =
      std::string(CREDENCE_BINARY) + " " + arguments + " 2>" + err_file.string() + " </dev/null";
  Outcome outcome;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    outcome.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.err = Slurp(err_file);
  return outcome;
}

std::string Fixture(const std::string& name) {
  return std::string(CREDENCE_SOURCE_DIR) + "/fixtures/" + name + "/claims.json";
}

// The scores document without its one non-deterministic part, summary.timings.
std::string WithoutTimings(const std::string& json) {
  static const std::regex timings(R"("timings": \{[^}]*\})");
  return std::regex_replace(json, timings, "\"timings\": {}");
}

TEST(Cli, HelpListsSubcommandsAndAlgorithms) {
  const Outcome help = RunCredence("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word : {"score", "validate", "graph"}) {
    EXPECT_NE(help.out.find(word), std::string::npos) << word;
  }
  const Outcome score_help = RunCredence("score --help");
  EXPECT_EQ(score_help.exit_code, 0);
  EXPECT_NE(score_help.out.find("temporal-em"), std::string::npos);
  EXPECT_NE(score_help.out.find("majority-vote"), std::string::npos);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(RunCredence("").exit_code, 2);
  EXPECT_EQ(RunCredence("frobnicate").exit_code, 2);
  const Outcome unknown =
      RunCredence("score " + Fixture("syria-coalition") + " --algorithm nonsense");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown algorithm"), std::string::npos) << unknown.err;
  EXPECT_EQ(RunCredence("score " + Fixture("syria-coalition") + " --threads 0").exit_code, 2);
  EXPECT_EQ(RunCredence("score " + Fixture("syria-coalition") + " --format xml").exit_code, 2);
}

TEST(Cli, ValidateAcceptsTheFixtures) {
  for (const char* name : {"syria-coalition", "stale-outlet"}) {
    const Outcome outcome = RunCredence("validate " + Fixture(name));
    EXPECT_EQ(outcome.exit_code, 0) << outcome.out << outcome.err;
    EXPECT_NE(outcome.out.find("valid"), std::string::npos);
  }
}

TEST(Cli, ValidateRejectsBrokenDocumentsNamingThePlace) {
  const fs::path dir = fs::path(CREDENCE_SOURCE_DIR) / "tests/bad_inputs/json";
  ASSERT_TRUE(fs::exists(dir));
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    const Outcome outcome = RunCredence("validate " + entry.path().string());
    EXPECT_EQ(outcome.exit_code, 1) << entry.path();
    // Every problem line starts with the file name, then a JSON pointer, a line number, or
    // (for a problem with the whole document) the message.
    const std::regex located(
        "^" +
        std::regex_replace(entry.path().string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
        R"((: /|:[0-9]|: [a-z]))");
    std::istringstream lines(outcome.out);
    std::string first;
    std::getline(lines, first);
    EXPECT_TRUE(std::regex_search(first, located)) << entry.path() << ": " << first;
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST(Cli, InvalidInputExitsWithOneAndWritesNothing) {
  const fs::path output = TempDir() / "never.json";
  fs::remove(output);
  const fs::path bad = fs::path(CREDENCE_SOURCE_DIR) / "tests/bad_inputs/json/malformed.json";
  const Outcome outcome = RunCredence("score " + bad.string() + " -o " + output.string());
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_FALSE(fs::exists(output));
  EXPECT_EQ(RunCredence("score /nonexistent/claims.json").exit_code, 1);
}

TEST(Cli, ScoreIsByteIdenticalAcrossRunsAndThreads) {
  const fs::path dir = TempDir();
  const std::string input = Fixture("syria-coalition");
  ASSERT_EQ(RunCredence("score " + input + " -o " + (dir / "a.json").string()).exit_code, 0);
  ASSERT_EQ(RunCredence("score " + input + " -o " + (dir / "b.json").string()).exit_code, 0);
  ASSERT_EQ(
      RunCredence("score " + input + " --threads 2 -o " + (dir / "c.json").string()).exit_code, 0);
  const std::string a = Slurp(dir / "a.json");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(WithoutTimings(a), WithoutTimings(Slurp(dir / "b.json")));
  EXPECT_EQ(WithoutTimings(a), WithoutTimings(Slurp(dir / "c.json")));
  // Standard output carries the same document.
  EXPECT_EQ(WithoutTimings(RunCredence("score " + input).out), WithoutTimings(a));
}

TEST(Cli, EveryFixtureScoresToASchemaValidDocument) {
  const std::string python = CREDENCE_PYTHON;
  if (python.empty() ||
      std::system((python + " -c 'import jsonschema' 2>/dev/null").c_str()) != 0) {
    GTEST_SKIP() << "python3 with the jsonschema module is not installed";
  }
  const fs::path dir = TempDir();
  const std::string source = CREDENCE_SOURCE_DIR;
  for (const auto& entry : fs::directory_iterator(source + "/fixtures")) {
    const fs::path input = entry.path() / "claims.json";
    if (!fs::exists(input)) continue;
    for (const char* algorithm : {"temporal-em", "majority-vote"}) {
      const fs::path output = dir / (entry.path().filename().string() + "." + algorithm + ".json");
      ASSERT_EQ(
          RunCredence("score " + input.string() + " -a " + algorithm + " -o " + output.string())
              .exit_code,
          0);
      const std::string validate = python + " " + source + "/tests/tools/validate_json.py " +
                                   source + "/docs/schemas/scores.schema.json " + output.string();
      EXPECT_EQ(std::system(validate.c_str()), 0) << output;
    }
  }
}

TEST(Cli, GraphWritesDot) {
  const Outcome outcome = RunCredence("graph " + Fixture("syria-coalition") + " --dot");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(outcome.out.rfind("graph credence {", 0), 0U);
  EXPECT_NE(outcome.out.find("supersedes"), std::string::npos);
}

TEST(Cli, SummaryOnRequest) {
  const fs::path output = TempDir() / "summary.json";
  const Outcome outcome =
      RunCredence("score " + Fixture("syria-coalition") + " -o " + output.string() + " --summary");
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.out.find("Syria"), std::string::npos);
  const Outcome quiet =
      RunCredence("score " + Fixture("syria-coalition") + " -o " + output.string());
  EXPECT_TRUE(quiet.out.empty());
}

TEST(Cli, SynthOutputLoadsScoresAndEvaluates) {
  const fs::path prefix = TempDir() / "synthetic";
  const Outcome synth = RunCredence("synth --out-prefix " + prefix.string() +
                                    " --seed 7 --sources 12 --items 60 --mutable-fraction 0.3");
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  const std::string claims = prefix.string() + ".claims.json";
  EXPECT_EQ(RunCredence("validate " + claims).exit_code, 0);
  EXPECT_EQ(RunCredence("score " + claims + " -o " + (TempDir() / "s.json").string()).exit_code, 0);
  // The crowd CSV and its truth go through the importer and the evaluation.
  const Outcome eval = RunCredence("eval " + prefix.string() + ".answers.csv --truth " +
                                   prefix.string() + ".truth.csv -a majority-vote");
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("\"gold_items\": 60"), std::string::npos) << eval.out;
  // Same seed, same bytes.
  const fs::path again = TempDir() / "synthetic-again";
  ASSERT_EQ(RunCredence("synth --out-prefix " + again.string() +
                        " --seed 7 --sources 12 --items 60 --mutable-fraction 0.3")
                .exit_code,
            0);
  EXPECT_EQ(Slurp(claims), Slurp(again.string() + ".claims.json"));
}

TEST(Cli, EvalReproducesThePublishedMajorityVoteOnBluebirds) {
  const fs::path data = fs::path(CREDENCE_SOURCE_DIR) / ".." / "shared" / "datasets" / "bluebirds";
  if (!fs::exists(data)) GTEST_SKIP() << "public data sets not found beside the repository";
  const Outcome eval = RunCredence("eval " + (data / "answer.csv").string() + " --truth " +
                                   (data / "truth.csv").string() + " -a majority-vote");
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  // The data sets' README: 82 of 108 correct with ties to the smallest label.
  EXPECT_NE(eval.out.find("\"correct\": 82"), std::string::npos) << eval.out;
  EXPECT_NE(eval.out.find("\"gold_items\": 108"), std::string::npos) << eval.out;
  EXPECT_EQ(RunCredence("eval " + (data / "answer.csv").string() + " --truth " +
                        (data / "truth.csv").string() + " -a nonsense")
                .exit_code,
            2);
}

}  // namespace

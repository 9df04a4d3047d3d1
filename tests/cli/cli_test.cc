// The command line end to end: exit codes, messages, determinism, schema conformance.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

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

// Runs the credence binary with `arguments` (already shell-quoted where needed; they may end in
// a redirection of standard output, which then replaces the capture).
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

// Options the engine cannot honour are the user's to fix: exit 2 naming the option, never the
// "internal error" of an overflow deep in the interval computation.
TEST(Cli, OptionsOutOfRangeExitWithTwoNamingTheOption) {
  const std::string score = "score " + Fixture("syria-coalition");
  // eval checks its options before it reads the gold file, so any file does for --truth.
  const std::string eval =
      "eval " + Fixture("syria-coalition") + " --truth " + Fixture("syria-coalition");
  for (const auto& [flags, named] : std::vector<std::pair<std::string, std::string>>{
           {" --prior-alpha 1e300", "prior_alpha"},
           {" --prior-beta 1e-300", "prior_alpha and prior_beta"},
           {" --prior-alpha nan", "prior_alpha"},
           {" --threads 100000", "num_threads"},
           {" --tolerance 0", "tolerance"},
           {" --max-iterations 0", "max_iterations"}}) {
    for (const std::string& command : {score, eval}) {
      const Outcome outcome = RunCredence(command + flags);
      EXPECT_EQ(outcome.exit_code, 2) << command << flags << ": " << outcome.err;
      EXPECT_NE(outcome.err.find(named), std::string::npos)
          << command << flags << ": " << outcome.err;
    }
  }
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
    // "*_strict.json" only warns by default; the corpus runs it with --strict.
    if (entry.path().stem().string().ends_with("_strict")) continue;
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

TEST(Cli, SynthNewsRegimeIsSeededValidAndKeepsTheRegimesApart) {
  const fs::path prefix = TempDir() / "news";
  const std::string options = " --regime news --seed 3 --propositions 40 --min-reliability 0.6";
  const Outcome synth = RunCredence("synth --out-prefix " + prefix.string() + options);
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  EXPECT_NE(synth.err.find("40 propositions"), std::string::npos) << synth.err;
  const std::string claims = prefix.string() + ".claims.json";
  EXPECT_EQ(RunCredence("validate " + claims).exit_code, 0);
  EXPECT_EQ(RunCredence("score " + claims + " -o " + (TempDir() / "n.json").string()).exit_code, 0);
  // A shared flag reaches the news options: every drawn reliability is at least 0.6.
  EXPECT_EQ(Slurp(prefix.string() + ".truth.json").find("\"reliability\": 0.5"), std::string::npos);
  const fs::path again = TempDir() / "news-again";
  ASSERT_EQ(RunCredence("synth --out-prefix " + again.string() + options).exit_code, 0);
  EXPECT_EQ(Slurp(claims), Slurp(again.string() + ".claims.json"));
  EXPECT_EQ(Slurp(prefix.string() + ".truth.json"), Slurp(again.string() + ".truth.json"));
  // One regime's options are usage errors in the other.
  const Outcome classic_flag =
      RunCredence("synth --regime news --items 5 --out-prefix " + prefix.string());
  EXPECT_EQ(classic_flag.exit_code, 2);
  EXPECT_NE(classic_flag.err.find("--items does not apply to --regime news"), std::string::npos)
      << classic_flag.err;
  EXPECT_EQ(RunCredence("synth --propositions 5 --out-prefix " + prefix.string()).exit_code, 2);
  EXPECT_EQ(RunCredence("synth --regime weekly --out-prefix " + prefix.string()).exit_code, 2);
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

// A user's mistake or the environment's refusal is exit status 1 with the path and the reason;
// exit status 3 ("internal error", report it as a bug) is for bugs only.
void ExpectUserError(const Outcome& outcome, const std::string& message) {
  EXPECT_EQ(outcome.exit_code, 1) << outcome.err;
  EXPECT_NE(outcome.err.find(message), std::string::npos) << outcome.err;
  EXPECT_EQ(outcome.err.find("internal error"), std::string::npos) << outcome.err;
}

TEST(Cli, OutputsThatCannotBeWrittenAreUserErrorsWithTheReason) {
  const std::string input = Fixture("syria-coalition");
  const fs::path missing = TempDir() / "missing" / "dir" / "f.json";
  ExpectUserError(RunCredence("score " + input + " -o " + missing.string()),
                  "credence: cannot write " + missing.string() + ": No such file or directory");
  ExpectUserError(RunCredence("score " + input + " -o " + TempDir().string()),
                  "cannot write " + TempDir().string() + ": Is a directory");
  ExpectUserError(RunCredence("graph " + input + " -o " + missing.string()),
                  "cannot write " + missing.string());
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  ExpectUserError(RunCredence("score " + input + " -o /dev/full"),
                  "credence: cannot write /dev/full: No space left on device");
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
}

TEST(Cli, ALostStandardOutputIsAnError) {
  const std::string input = Fixture("syria-coalition");
  ExpectUserError(RunCredence("score " + input + " >&-"),
                  "cannot write standard output: Bad file descriptor");
  ExpectUserError(RunCredence("validate " + input + " >&-"),
                  "cannot write standard output: Bad file descriptor");
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  const std::string full = "cannot write standard output: No space left on device";
  ExpectUserError(RunCredence("score " + input + " >/dev/full"), full);
  ExpectUserError(RunCredence("validate " + input + " >/dev/full"), full);
  ExpectUserError(RunCredence("graph " + input + " --dot >/dev/full"), full);
  ExpectUserError(RunCredence("score " + input + " --summary -o " +
                              (TempDir() / "summary.json").string() + " >/dev/full"),
                  full);
  EXPECT_EQ(RunCredence("--help >/dev/full").exit_code, 1);
}

TEST(Cli, AnInputWithoutClaimsIsRefusedUnlessAllowed) {
  const fs::path empty = TempDir() / "empty.json";
  std::ofstream(empty) << R"({"credence": "1", "predicates": [], "articles": []})";
  for (const char* command : {"score", "graph", "validate", "report"}) {
    const Outcome refused = RunCredence(std::string(command) + " " + empty.string());
    EXPECT_EQ(refused.exit_code, 1) << command;
    // validate lists problems on standard output, the others on standard error.
    const std::string& text = std::string(command) == "validate" ? refused.out : refused.err;
    EXPECT_NE(text.find(empty.string() + ": no claims: the input holds no claim to score (pass "
                                         "--allow-empty to accept an empty input)"),
              std::string::npos)
        << command << ": " << text;
    EXPECT_EQ(RunCredence(std::string(command) + " --allow-empty " + empty.string()).exit_code, 0)
        << command;
  }
  const Outcome scored = RunCredence("score --allow-empty " + empty.string());
  EXPECT_NE(scored.out.find("\"termination\": \"user_failure\""), std::string::npos) << scored.out;
  // JSON Lines with a header and no claim line.
  const fs::path lines = TempDir() / "empty.jsonl";
  std::ofstream(lines)
      << R"({"credence": "1", "predicates": [{"id": "p", "value_kind": "boolean"}]})"
      << "\n";
  // The JSON Lines reader refuses such a file itself, --allow-empty or not.
  const Outcome no_lines = RunCredence("score " + lines.string());
  EXPECT_EQ(no_lines.exit_code, 1);
  EXPECT_NE(no_lines.err.find("no claims"), std::string::npos) << no_lines.err;
}

TEST(Cli, OutputWritesThroughLinksPipesAndDevicesWithoutReplacingThem) {
  const std::string input = Fixture("syria-coalition");
  const fs::path dir = TempDir() / "targets";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // A 0600 file reached through a symbolic link: the link stays, the file keeps its mode.
  const fs::path target = dir / "private.json";
  std::ofstream(target) << "old\n";
  fs::permissions(target, fs::perms(0600));
  const fs::path link = dir / "latest.json";
  fs::create_symlink("private.json", link);
  ASSERT_EQ(RunCredence("score " + input + " -o " + link.string()).exit_code, 0);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::mask, fs::perms(0600));
  EXPECT_EQ(Slurp(target).rfind("{\n  \"schema_version\"", 0), 0U);
  // A FIFO with a reader gets the document and stays a FIFO.
  const fs::path fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = Slurp(fifo); });
  const Outcome piped = RunCredence("graph " + input + " --dot -o " + fifo.string());
  reader.join();
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(received.rfind("graph credence {", 0), 0U);
  EXPECT_TRUE(fs::is_fifo(fifo));
  // /dev/stdout is the descriptor the shell opened: appended to, not replaced.
  const fs::path log = dir / "log.json";
  std::ofstream(log) << "previous\n";
  ASSERT_EQ(RunCredence("score " + input + " -o /dev/stdout >>" + log.string()).exit_code, 0);
  EXPECT_EQ(Slurp(log).rfind("previous\n{\n  \"schema_version\"", 0), 0U);
  // A character device is written, never replaced. As root a private copy of /dev/null stands
  // in for the system's, so that a regression cannot replace the real one.
  fs::path device = "/dev/null";
  if (::geteuid() == 0) {
    device = dir / "null";
    ASSERT_EQ(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
  }
  EXPECT_EQ(RunCredence("score " + input + " -o " + device.string()).exit_code, 0);
  EXPECT_TRUE(fs::is_character_file(device));
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string> expected = {"latest.json", "log.json", "pipe", "private.json"};
  if (::geteuid() == 0) expected.insert(expected.begin() + 2, "null");
  EXPECT_EQ(names, expected);  // no temporary file anywhere
}

// A claims document a newsroom might evaluate, small enough to check by hand under majority
// vote:
//   deal/status:   a pending, b pending, c signed -> pending 2/3
//   port/status:   a open, c closed               -> a tie, to the smaller text: closed
//   relief/length: a 6 months, b 180 days, c 30   -> two values: 180 day (a, b) 2/3, 30 day 1/3
constexpr const char* kNewsroomClaims = R"({"credence": "1",
  "outlets": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
  "predicates": [{"id": "status", "value_kind": "category"},
                 {"id": "length", "value_kind": "quantity", "unit": "day"}],
  "articles": [
    {"id": "a1", "outlet": "a", "published": "2025-01-10", "claims": [
      {"id": "a1/1", "subject": "deal", "predicate": "status", "value": "pending"},
      {"id": "a1/2", "subject": "port", "predicate": "status", "value": "open"},
      {"id": "a1/3", "subject": "relief", "predicate": "length",
       "value": {"amount": 6, "unit": "month"}}]},
    {"id": "b1", "outlet": "b", "published": "2025-01-11", "claims": [
      {"id": "b1/1", "subject": "deal", "predicate": "status", "value": "pending"},
      {"id": "b1/2", "subject": "relief", "predicate": "length", "value": 180}]},
    {"id": "c1", "outlet": "c", "published": "2025-01-12", "claims": [
      {"id": "c1/1", "subject": "deal", "predicate": "status", "value": "signed"},
      {"id": "c1/2", "subject": "port", "predicate": "status", "value": "closed"},
      {"id": "c1/3", "subject": "relief", "predicate": "length", "value": 30}]}]}
)";

TEST(Cli, EvalComparesAClaimsDocumentWithItsGoldCsv) {
  const fs::path dir = TempDir();
  const fs::path claims = dir / "newsroom.json";
  std::ofstream(claims) << kNewsroomClaims;
  // Typed by value_kind: "Pending" is the category pending; "26 weeks" is 182 days, within 2% of
  // the 180-day value. ghost has no claim.
  const fs::path gold = dir / "newsroom-gold.csv";
  std::ofstream(gold) << "subject,predicate,value\n"
                         "deal,status,Pending\n"
                         "port,status,open\n"
                         "relief,length,26 weeks\n"
                         "ghost,status,open\n";
  const Outcome eval =
      RunCredence("eval " + claims.string() + " --truth " + gold.string() + " -a majority-vote");
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  const nlohmann::json result = nlohmann::json::parse(eval.out)["results"][0];
  EXPECT_EQ(result["gold_items"], 3);
  EXPECT_EQ(result["gold_without_claims"], 1);
  EXPECT_EQ(result["correct"], 2);  // deal and relief; port's tie goes to closed
  EXPECT_EQ(result["ties"], 1);
  EXPECT_NEAR(result["accuracy"].get<double>(), 2.0 / 3.0, 1e-12);
  // -log(2/3) (deal) - log(1/2) (port) - log(2/3) (relief), over three items.
  EXPECT_NEAR(result["log_loss"].get<double>(), (-2.0 * std::log(2.0 / 3.0) - std::log(0.5)) / 3.0,
              1e-12);

  // A gold file for some other input shares no item with this one: an error, not accuracy 0.
  const fs::path other = dir / "other-gold.csv";
  std::ofstream(other) << "subject,predicate,value\nnobody,status,open\n";
  ExpectUserError(RunCredence("eval " + claims.string() + " --truth " + other.string()),
                  other.string() + ": no gold item has claims");
  // A value its predicate cannot read names the line.
  const fs::path bad = dir / "bad-gold.csv";
  std::ofstream(bad) << "subject,predicate,value\ndeal,status,pending\nrelief,length,ten days\n";
  ExpectUserError(RunCredence("eval " + claims.string() + " --truth " + bad.string()),
                  bad.string() + ":3: expected AMOUNT [SCALE] [UNIT]");
}

TEST(Cli, EvalHelpListsEachFormatWithItsGoldFile) {
  const Outcome help = RunCredence("eval --help");
  ASSERT_EQ(help.exit_code, 0);
  // CLI11 wraps nothing: each format and its gold file are on the --format line.
  for (const char* entry :
       {"json (gold: CSV with the header subject,predicate,value[,date])",
        "jsonl (gold: CSV with the header subject,predicate,value[,date])",
        "crowd-csv (gold: question,truth CSV with a header)", "crowd-tsv (gold: item<TAB>label)",
        "book (gold: isbn<TAB>authors)", "population (gold: "}) {
    EXPECT_NE(help.out.find(entry), std::string::npos) << entry << "\n" << help.out;
  }
}

}  // namespace

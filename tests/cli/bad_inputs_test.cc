// The bad-input corpus: every file under tests/bad_inputs/ is run through the command line as
// tests/bad_inputs/manifest.tsv says, and must be refused with exit status 1, a message of the
// expected category and the place of the problem (file plus line or JSON pointer). Cases too big
// to commit (10^5 via entries, megabyte lines, deep nesting) are generated here at run time.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <ostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(CREDENCE_SOURCE_DIR) / "tests" / "bad_inputs";

struct Outcome {
  int exit_code = -1;
  std::string err;
};

fs::path TempDir() {
  const fs::path dir =
      fs::temp_directory_path() / ("credence_bad_inputs_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs the credence binary with `arguments`; standard output is discarded, standard error kept.
Outcome RunCredence(const std::string& arguments) {
  const fs::path err_file = TempDir() / "stderr.txt";
  const std::string command = std::string(CREDENCE_BINARY) + " " + arguments + " >/dev/null 2>" +
                              err_file.string() + " </dev/null";
  Outcome outcome;
  const int status = std::system(command.c_str());
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.err = Slurp(err_file);
  return outcome;
}

// What the message of each category must say. A category groups the problems a user fixes the
// same way; docs/robustness.md lists them.
const std::map<std::string, std::regex>& Categories() {
  static const std::map<std::string, std::regex> categories = {
      {"syntax", std::regex("malformed|quote")},
      {"encoding", std::regex("UTF-8")},
      {"type", std::regex("expected .*got ")},
      {"missing", std::regex("missing required key")},
      {"duplicate", std::regex("duplicate|repeated|conflict")},
      {"reference", std::regex("unknown (outlet|predicate|source)")},
      {"relay", std::regex("cannot relay itself")},
      {"unit", std::regex("cannot be converted|unknown scale word")},
      {"range", std::regex("finite|outside|in \\(0, 1\\]|too large|out of range|mutable")},
      {"date", std::regex("ISO 8601|year [0-9]+ is outside")},
      {"columns", std::regex("expected [0-9]+ fields|fields")},
      {"empty", std::regex("empty|no rows|no claims|no gold item has claims|no data|end of input")},
      {"limit", std::regex("limit|longer than|more than")},
      {"key", std::regex("unknown key .*(did you mean|the keys of this object)")},
  };
  return categories;
}

// Inputs too large to keep in the repository, written on first use.
using Generator = std::function<std::string()>;
const std::map<std::string, Generator>& Generators() {
  static const std::map<std::string, Generator> generators = {
      {"via_100000.json",
       [] {
         std::string via;
         for (int i = 0; i < 100000; ++i) via += (i ? ",\"p" : "\"p") + std::to_string(i) + "\"";
         return R"({"credence": "1", "outlets": [{"id": "np"}], "predicates": [{"id": "status", "value_kind": "category"}],
"articles": [{"id": "a1", "outlet": "np", "published": "2025-04-14", "claims": [
{"id": "c1", "subject": "deal", "predicate": "status", "value": "pending", "via": [)" +
                via + "]}]}]}\n";
       }},
      {"subject_1mb_line.json",
       [] {
         return R"({"credence": "1", "outlets": [{"id": "np"}], "predicates": [{"id": "status", "value_kind": "category"}],
"articles": [{"id": "a1", "outlet": "np", "published": "2025-04-14", "claims": [
{"id": "c1", "subject": ")" +
                std::string(1 << 20, 's') + R"(", "predicate": "status", "value": "pending"}]}]}
)";
       }},
      {"outlet_id_long.json",
       [] {
         const std::string id(5000, 'o');
         return R"({"credence": "1", "outlets": [{"id": ")" + id +
                R"("}], "predicates": [{"id": "status", "value_kind": "category"}],
"articles": [{"id": "a1", "outlet": ")" +
                id + R"(", "published": "2025-04-14", "claims": [
{"id": "c1", "subject": "deal", "predicate": "status", "value": "pending"}]}]}
)";
       }},
      {"deep_nesting.json",
       [] {
         return "{\"credence\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
       }},
      {"crowd_worker_1mb_line.csv",
       [] {
         return "question,worker,answer\nq1,w1,yes\nq2," + std::string(1 << 20, 'w') + ",yes\n";
       }},
      {"crowd_200000_fields.csv",
       [] { return "question,worker,answer\nq1,w1,yes\n" + std::string(200000, ',') + "\n"; }},
  };
  return generators;
}

struct Case {
  std::string file;      // relative to tests/bad_inputs, or "generated/<name>"
  std::string command;   // arguments; {file} is the case, {dir} the corpus folder
  std::string category;  // a key of Categories()
  std::string location;  // must appear in the message; {file} as above
  std::string pending;   // non-empty: a known gap, reported as skipped with this reason
  int line = 0;          // of the manifest
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const Case& entry, std::ostream* out) { *out << entry.file; }

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = line.find('\t', start);
    fields.push_back(line.substr(start, end - start));
    if (end == std::string::npos) return fields;
    start = end + 1;
  }
}

std::vector<Case> LoadManifest() {
  std::vector<Case> cases;
  std::ifstream in(kCorpus / "manifest.tsv");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = SplitTabs(line);
    Case entry;
    entry.line = number;
    if (fields.size() >= 4) {
      entry.file = fields[0];
      entry.command = fields[1];
      entry.category = fields[2];
      entry.location = fields[3];
    }
    if (fields.size() >= 5) entry.pending = fields[4];
    cases.push_back(entry);
  }
  return cases;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The path of a case's input, generating it first when it is not committed.
fs::path InputOf(const Case& entry) {
  const std::string prefix = "generated/";
  if (entry.file.rfind(prefix, 0) != 0) return kCorpus / entry.file;
  const std::string name = entry.file.substr(prefix.size());
  const fs::path path = TempDir() / name;
  if (!fs::exists(path)) {
    const auto generator = Generators().find(name);
    if (generator == Generators().end()) return {};
    std::ofstream(path, std::ios::binary) << generator->second();
  }
  return path;
}

class BadInputTest : public ::testing::TestWithParam<Case> {};

TEST_P(BadInputTest, IsRefusedWithCategoryAndLocation) {
  const Case& entry = GetParam();
  ASSERT_FALSE(entry.command.empty()) << "manifest.tsv:" << entry.line << ": needs 4 fields";
  ASSERT_TRUE(Categories().count(entry.category))
      << "manifest.tsv:" << entry.line << ": unknown category " << entry.category;
  const fs::path input = InputOf(entry);
  ASSERT_TRUE(!input.empty() && fs::exists(input)) << entry.file;
  const std::string arguments =
      Replace(Replace(entry.command, "{file}", input.string()), "{dir}", kCorpus.string());
  const Outcome outcome = RunCredence(arguments);
  const std::string location = Replace(entry.location, "{file}", input.string());
  const bool ok = outcome.exit_code == 1 &&
                  std::regex_search(outcome.err, Categories().at(entry.category)) &&
                  outcome.err.find(location) != std::string::npos;
  if (!entry.pending.empty()) {
    if (ok) ADD_FAILURE() << entry.file << " now passes; remove its pending marker";
    GTEST_SKIP() << "pending: " << entry.pending << " (exit " << outcome.exit_code
                 << ", stderr: " << outcome.err.substr(0, 300) << ")";
  }
  EXPECT_EQ(outcome.exit_code, 1) << outcome.err.substr(0, 2000);
  EXPECT_TRUE(std::regex_search(outcome.err, Categories().at(entry.category)))
      << "expected a " << entry.category << " error, got: " << outcome.err.substr(0, 2000);
  EXPECT_NE(outcome.err.find(location), std::string::npos)
      << "expected the location " << location << " in: " << outcome.err.substr(0, 2000);
  // Nothing is written on refusal, and no message is unbounded: an echo of a megabyte value
  // would drown the place of the problem.
  EXPECT_LT(outcome.err.size(), 64U * 1024U);
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.file;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name + "_" + std::to_string(info.param.line);
}

// Generated inputs are large: remove the folder when the test program ends.
class RemoveTempDir : public ::testing::Environment {
 public:
  void TearDown() override { fs::remove_all(TempDir()); }
};
const ::testing::Environment* const kRemoveTempDir =
    ::testing::AddGlobalTestEnvironment(new RemoveTempDir);

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputTest, ::testing::ValuesIn(LoadManifest()), CaseName);

// Every committed file is a case (or a valid companion a case names), so none is forgotten.
TEST(BadInputCorpus, EveryFileIsInTheManifest) {
  std::string listed;
  int generated = 0;
  for (const Case& entry : LoadManifest()) {
    listed += entry.file + "\n" + entry.command + "\n";
    if (entry.file.rfind("generated/", 0) == 0) ++generated;
  }
  int files = 0;
  for (const auto& item : fs::recursive_directory_iterator(kCorpus)) {
    if (!item.is_regular_file() || item.path().filename() == "manifest.tsv") continue;
    const std::string relative = fs::relative(item.path(), kCorpus).generic_string();
    EXPECT_NE(listed.find(relative), std::string::npos) << relative << " is not in manifest.tsv";
    ++files;
  }
  EXPECT_GE(files + generated, 50);
}

}  // namespace

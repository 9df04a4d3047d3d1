// Validates documents against the shipped JSON Schemas with tests/tools/validate_json.py, which
// needs a Python with the jsonschema module (the test is skipped without one).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "credence/input.h"
#include "credence/output.h"
#include "output/sample_report.h"

namespace credence {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const fs::path kSourceDir = CREDENCE_SOURCE_DIR;
const fs::path kValidator = kSourceDir / "tests" / "tools" / "validate_json.py";
const fs::path kClaimsSchema = kSourceDir / "docs" / "schemas" / "claims.schema.json";
const fs::path kScoresSchema = kSourceDir / "docs" / "schemas" / "scores.schema.json";

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

CommandResult RunCommand(const std::string& command) {
  CommandResult run;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) run.output += buffer;
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

CommandResult Validate(const fs::path& schema, const std::vector<fs::path>& documents) {
  std::string command = ShellQuote(CREDENCE_PYTHON) + " " + ShellQuote(kValidator.string()) + " " +
                        ShellQuote(schema.string());
  for (const fs::path& document : documents) command += " " + ShellQuote(document.string());
  return RunCommand(command);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

// One validator run for many documents (each run costs a Python start); every one must be
// reported invalid. Returns the problems reported per document.
std::map<std::string, std::string> ExpectEachInvalid(const fs::path& schema,
                                                     const std::vector<fs::path>& documents) {
  const CommandResult run = Validate(schema, documents);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  std::map<std::string, std::string> problems;
  for (const fs::path& document : documents) {
    const std::string prefix = document.string() + ": ";
    for (const std::string& line : Lines(run.output)) {
      if (line.rfind(prefix, 0) == 0)
        problems[document.string()] += line.substr(prefix.size()) + "\n";
    }
    EXPECT_NE(problems[document.string()], "") << document << " not reported: " << run.output;
    EXPECT_NE(problems[document.string()], "valid\n") << document << " passed the schema";
  }
  return problems;
}

class SchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string python = CREDENCE_PYTHON;
    if (python.empty()) GTEST_SKIP() << "no python3 found at configure time (CREDENCE_PYTHON)";
    const CommandResult probe =
        RunCommand(ShellQuote(python) + " -c 'import jsonschema; jsonschema.Draft202012Validator'");
    if (probe.exit_code != 0) {
      GTEST_SKIP() << python << " lacks the jsonschema module (4.0 or later): " << probe.output;
    }
    directory_ = fs::temp_directory_path() /
                 ("credence-schema-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override {
    if (!directory_.empty()) fs::remove_all(directory_);
  }

  fs::path Write(const std::string& name, const std::string& content) const {
    fs::path path = directory_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  fs::path directory_;
};

// Every input key of the contract and every extension key, in each of its forms.
constexpr const char* kFullClaimsDocument = R"({
  "credence": "1",
  "outlets": [
    {"id": "north-press", "name": "North Press Agency", "kind": "outlet"},
    {"id": "an-nahar", "name": null},
    {"id": "ministry", "kind": "office", "x-homepage": "an annotator's own key",
     "extensions": {"checked_by": "desk"}}
  ],
  "predicates": [
    {"id": "member_of_coalition", "value_kind": "boolean", "mutable": true, "change_rate": 0.2},
    {"id": "coalition_size", "value_kind": "quantity", "unit": "count", "mutable": true},
    {"id": "relief_length", "value_kind": "quantity", "unit": "day",
     "tolerance": {"relative": 0.05, "absolute": 1}, "description": "sanctions relief"},
    {"id": "status", "value_kind": "category", "values": ["pending", "granted"]},
    {"id": "signed_on", "value_kind": "date", "values": ["2025-04", "2025-05-01"]},
    {"id": "headline", "value_kind": "string", "tolerance": null}
  ],
  "articles": [
    {
      "id": "np-2025-04",
      "outlet": "north-press",
      "published": "2025-04-14",
      "title": "...",
      "url": null,
      "claims": [
        {"id": "c1", "subject": "Syria", "predicate": "member_of_coalition", "value": false,
         "as_of": "2025-04-14", "via": ["an-nahar"], "quote": "sources told An-Nahar",
         "confidence": 0.6},
        {"id": "c2", "subject": "Syria", "predicate": "coalition_size", "value": 89},
        {"id": "c3", "subject": "Syria", "predicate": "relief_length",
         "value": {"amount": 6, "unit": "month"},
         "via": [{"id": "envoy", "name": "The envoy", "kind": "person"}, "ministry"],
         "via_inferred": true, "confidence": 1},
        {"id": "c4", "subject": "Syria", "predicate": "relief_length",
         "value": {"amount": null, "unit": "day", "scale": "thousand"}, "via": ["envoy"]},
        {"id": "c5", "subject": "Syria", "predicate": "status", "value": "pending",
         "as_of": "2025-04"},
        {"id": "c6", "subject": "Syria", "predicate": "signed_on", "value": "2025-05-01",
         "as_of": "2025-04-30T12:00:00Z"},
        {"id": "c7", "subject": "Syria", "predicate": "headline", "value": "talks resume"}
      ]
    },
    {"id": "undated", "outlet": "an-nahar", "claims": []}
  ]
})";

TEST_F(SchemaTest, ContractExampleAndExtensionKeysMatchClaimsSchema) {
  const CommandResult run = Validate(kClaimsSchema, {Write("claims.json", kFullClaimsDocument)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  // The schema must not be stricter than the reader.
  EXPECT_NO_THROW(ParseClaimsDocument(kFullClaimsDocument, "claims.json"));
}

TEST_F(SchemaTest, FixturesMatchClaimsSchema) {
  std::vector<fs::path> fixtures;
  const fs::path root = kSourceDir / "fixtures";
  if (fs::is_directory(root)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(root)) {
      const fs::path claims = entry.path() / "claims.json";
      if (fs::is_regular_file(claims)) fixtures.push_back(claims);
    }
  }
  if (fixtures.empty()) GTEST_SKIP() << "no fixtures/*/claims.json yet";
  const CommandResult run = Validate(kClaimsSchema, fixtures);
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST_F(SchemaTest, StructurallyBrokenClaimsDocumentsFail) {
  Json base = Json::parse(kFullClaimsDocument);
  std::vector<fs::path> documents;
  const auto broken = [&](const std::string& name, auto&& change) {
    Json document = base;
    change(document);
    documents.push_back(Write(name + ".json", document.dump()));
    // The schema must not be more lenient than the reader either.
    EXPECT_THROW(ParseClaimsDocument(document.dump(), name), InputError) << name;
  };
  broken("confidence_zero", [](Json& d) { d["articles"][0]["claims"][0]["confidence"] = 0; });
  broken("confidence_above_one",
         [](Json& d) { d["articles"][0]["claims"][0]["confidence"] = 1.5; });
  broken("no_articles", [](Json& d) { d.erase("articles"); });
  broken("null_claim_value", [](Json& d) { d["articles"][0]["claims"][1]["value"] = nullptr; });
  broken("via_number", [](Json& d) { d["articles"][0]["claims"][0]["via"] = Json::array({3}); });
  broken("via_object_without_id",
         [](Json& d) { d["articles"][0]["claims"][2]["via"][0].erase("id"); });
  broken("month_13", [](Json& d) { d["articles"][0]["published"] = "2025-13-01"; });
  broken("unknown_value_kind", [](Json& d) { d["predicates"][0]["value_kind"] = "number"; });
  broken("change_rate_static", [](Json& d) { d["predicates"][0]["mutable"] = false; });
  broken("negative_tolerance", [](Json& d) { d["predicates"][2]["tolerance"]["absolute"] = -1; });
  broken("domain_of_wrong_kind",
         [](Json& d) { d["predicates"][3]["values"] = Json::array({true}); });
  broken("blank_category", [](Json& d) { d["articles"][0]["claims"][4]["value"] = " "; });
  broken("version_number", [](Json& d) { d["credence"] = 1; });
  // An unknown key is invalid for the schema, and an error for the reader with --strict (a
  // warning without it).
  for (const auto& [name, pointer] :
       {std::pair{"unknown_top_key", "/descripton"},
        std::pair{"unknown_claim_key", "/articles/0/claims/0/vai"},
        std::pair{"unknown_quantity_key", "/articles/0/claims/2/value/scael"},
        std::pair{"unknown_tolerance_key", "/predicates/2/tolerance/relativ"}}) {
    Json document = base;
    document[Json::json_pointer(pointer)] = 1;
    documents.push_back(Write(std::string(name) + ".json", document.dump()));
    ReadOptions strict;
    strict.strict = true;
    EXPECT_THROW(ParseClaimsDocument(document.dump(), name, strict), InputError) << name;
    EXPECT_FALSE(ParseClaimsDocument(document.dump(), name).warnings.empty()) << name;
  }
  ExpectEachInvalid(kClaimsSchema, documents);
}

// The reader's own rejected inputs whose problem is one of structure must fail the schema too.
TEST_F(SchemaTest, ReaderRejectsWhatTheSchemaRejects) {
  const fs::path invalid = kSourceDir / "tests" / "bad_inputs" / "json";
  std::vector<fs::path> documents;
  for (const char* name :
       {"change_rate_immutable", "confidence_above_one", "confidence_zero", "duplicate_key",
        "malformed", "missing_articles", "missing_subject", "negative_tolerance", "not_an_object",
        "unknown_value_kind", "wrong_type_claims", "wrong_version"}) {
    const fs::path path = invalid / (std::string(name) + ".json");
    if (fs::exists(path)) documents.push_back(path);
  }
  if (documents.empty()) GTEST_SKIP() << "no reader test data under " << invalid;
  ExpectEachInvalid(kClaimsSchema, documents);
}

TEST_F(SchemaTest, ScoresDocumentMatchesScoresSchema) {
  const ClaimStore store = testing::SampleStore();
  ScoreReport report = testing::SampleReport();
  std::vector<fs::path> documents = {Write("scores.json", ScoresToJson(store, report))};
  // Variants: the "none of these" state, no convergence, nothing to supersede.
  report.timelines[1][0].state = 2;
  report.summary.termination = TerminationType::kNoConvergence;
  report.summary.message = "reached max_iterations";
  report.supersessions.clear();
  documents.push_back(Write("variant.json", ScoresToJson(store, report)));
  const CommandResult run = Validate(kScoresSchema, documents);
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST_F(SchemaTest, BrokenScoresDocumentsFail) {
  const Json base = Json::parse(ScoresToJson(testing::SampleStore(), testing::SampleReport()));
  std::vector<fs::path> documents;
  const auto broken = [&](const std::string& name, auto&& change) {
    Json document = base;
    change(document);
    documents.push_back(Write(name + ".json", document.dump(2)));
  };
  broken("status_maybe", [](Json& d) { d["claims"][0]["status"] = "maybe"; });
  broken("no_summary", [](Json& d) { d.erase("summary"); });
  broken("probability_above_one", [](Json& d) { d["claims"][1]["probability"] = 1.5; });
  broken("scored_claim_without_probability",
         [](Json& d) { d["claims"][2]["probability"] = nullptr; });
  broken("interval_of_three", [](Json& d) { d["outlets"][0]["interval"].push_back(0.99); });
  broken("converged_without_convergence",
         [](Json& d) { d["summary"]["termination"] = "no_convergence"; });
  broken("day_not_iso", [](Json& d) { d["claims"][0]["as_of"] = "14/04/2025"; });
  broken("null_as_of", [](Json& d) { d["claims"][0]["as_of"] = nullptr; });
  broken("unknown_kind", [](Json& d) { d["supersessions"][0]["kind"] = "retraction"; });
  broken("threads_recorded", [](Json& d) { d["engine"]["options"]["num_threads"] = 4; });
  broken("wrong_version", [](Json& d) { d["schema_version"] = 1; });
  const auto problems = ExpectEachInvalid(kScoresSchema, documents);
  const std::string& maybe = problems.at(documents[0].string());
  EXPECT_NE(maybe.find("/claims/0/status: 'maybe' is not one of"), std::string::npos) << maybe;
}

TEST_F(SchemaTest, ValidatorExitCodes) {
  const fs::path valid =
      Write("valid.json", ScoresToJson(testing::SampleStore(), testing::SampleReport()));
  const fs::path not_json = Write("not.json", "{\"a\": NaN}");
  EXPECT_EQ(Validate(kScoresSchema, {valid}).exit_code, 0);
  const CommandResult mixed = Validate(kScoresSchema, {valid, not_json});
  EXPECT_EQ(mixed.exit_code, 1);
  EXPECT_NE(mixed.output.find(valid.string() + ": valid"), std::string::npos) << mixed.output;
  EXPECT_NE(mixed.output.find(not_json.string() + ": cannot read"), std::string::npos)
      << mixed.output;
  EXPECT_EQ(Validate(kScoresSchema, {}).exit_code, 2);
  EXPECT_EQ(Validate(Write("bad-schema.json", "{\"type\": 12}"), {valid}).exit_code, 2);
}

}  // namespace
}  // namespace credence

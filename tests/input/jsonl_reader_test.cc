// The JSON Lines loader must build the same store as the claims document path for the same
// claims, and name file, line and JSON pointer for every problem.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/synth.h"

namespace credence {
namespace {

namespace fs = std::filesystem;

std::string WriteTemp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "credence_jsonl_reader_test";
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::map<std::string, std::size_t> ClaimsById(const ClaimStore& store) {
  std::map<std::string, std::size_t> claims;
  for (std::size_t c = 0; c < store.num_claims(); ++c) claims[store.ClaimId(c)] = c;
  return claims;
}

// The ids of the claims sharing a claim's evidence group.
std::set<std::string> GroupOf(const ClaimStore& store, std::size_t claim) {
  std::set<std::string> ids;
  for (const std::uint32_t other : store.ClaimsOfGroup(store.claim_group()[claim])) {
    ids.insert(store.ClaimId(other));
  }
  return ids;
}

std::string StateText(const ClaimStore& store, std::size_t claim) {
  const std::uint32_t p = store.claim_proposition()[claim];
  const std::uint32_t state = store.claim_state()[claim];
  if (state == ClaimStore::kUnknownState) return "<unknown>";
  const auto values = store.ValuesOf(p);
  if (store.PredicateOf(p).value_kind == ValueKind::kBoolean) return state == 1 ? "true" : "false";
  return state < values.size() ? values[state].ToDisplay() : "<other>";
}

// Claims matched by id: the same publisher, content source, subject, predicate, state value,
// weight, day and evidence group.
void ExpectSameClaims(const ClaimStore& streamed, const ClaimStore& built) {
  ASSERT_EQ(streamed.num_claims(), built.num_claims());
  EXPECT_EQ(streamed.num_propositions(), built.num_propositions());
  EXPECT_FALSE(streamed.has_claim_records());
  const auto streamed_ids = ClaimsById(streamed);
  const auto built_ids = ClaimsById(built);
  ASSERT_EQ(streamed_ids.size(), built_ids.size());
  for (const auto& [id, b] : built_ids) {
    SCOPED_TRACE("claim " + id);
    const auto found = streamed_ids.find(id);
    ASSERT_NE(found, streamed_ids.end());
    const std::size_t s = found->second;
    EXPECT_EQ(streamed.outlets()[streamed.claim_outlet()[s]].id,
              built.outlets()[built.claim_outlet()[b]].id);
    EXPECT_EQ(streamed.outlets()[streamed.claim_source()[s]].id,
              built.outlets()[built.claim_source()[b]].id);
    EXPECT_EQ(streamed.outlets()[streamed.claim_source()[s]].kind,
              built.outlets()[built.claim_source()[b]].kind);
    const auto& sp = streamed.propositions()[streamed.claim_proposition()[s]];
    const auto& bp = built.propositions()[built.claim_proposition()[b]];
    EXPECT_EQ(sp.subject, bp.subject);
    EXPECT_EQ(streamed.predicates()[sp.predicate].id, built.predicates()[bp.predicate].id);
    EXPECT_EQ(StateText(streamed, s), StateText(built, b));
    EXPECT_FLOAT_EQ(streamed.claim_weight()[s], built.claim_weight()[b]);
    EXPECT_EQ(streamed.claim_day()[s], built.claim_day()[b]);
    EXPECT_EQ(GroupOf(streamed, s), GroupOf(built, b));
  }
}

constexpr char kHeader[] =
    R"({"credence": "1", "outlets": [{"id": "wire", "kind": "agency"}, {"id": "daily"}], )"
    R"("predicates": [{"id": "elected", "value_kind": "boolean"}, )"
    R"({"id": "party", "value_kind": "category", "values": ["red", "blue"]}, )"
    R"({"id": "budget", "value_kind": "quantity", "unit": "USD"}, )"
    R"({"id": "founded", "value_kind": "date"}]})";

constexpr char kDocument[] = R"({"credence": "1",
 "outlets": [{"id": "wire", "kind": "agency"}, {"id": "daily"}, {"id": "gazette"}],
 "predicates": [{"id": "elected", "value_kind": "boolean"},
   {"id": "party", "value_kind": "category", "values": ["red", "blue"]},
   {"id": "budget", "value_kind": "quantity", "unit": "USD"},
   {"id": "founded", "value_kind": "date"}],
 "articles": [
  {"id": "a1", "outlet": "wire", "published": "2024-03-01", "claims": [
    {"id": "c1", "subject": "Ann", "predicate": "elected", "value": true},
    {"id": "c2", "subject": "Ann", "predicate": "party", "value": "red", "as_of": "2024-02-01"}]},
  {"id": "a2", "outlet": "daily", "published": "2024-03-02", "claims": [
    {"id": "c3", "subject": "Ann", "predicate": "elected", "value": true, "via": ["wire"]},
    {"id": "c4", "subject": "City", "predicate": "budget",
     "value": {"amount": 2.5, "unit": "USD", "scale": "million"}, "confidence": 0.5}]},
  {"id": "a3", "outlet": "gazette", "published": "2024-03-03", "claims": [
    {"id": "c5", "subject": "City", "predicate": "budget", "value": 2500000},
    {"id": "c6", "subject": "City", "predicate": "founded", "value": "1850-05",
     "via": [{"id": "mayor", "name": "The Mayor", "kind": "person"}]},
    {"id": "c7", "subject": "Ann", "predicate": "elected", "value": false}]}
 ]})";

std::string Lines() {
  std::string text = std::string(kHeader) + "\n";
  text +=
      R"({"id": "c1", "outlet": "wire", "article": "a1", "published": "2024-03-01", "subject": "Ann", "predicate": "elected", "value": true})"
      "\n";
  text +=
      R"({"id": "c2", "outlet": "wire", "article": "a1", "published": "2024-03-01", "subject": "Ann", "predicate": "party", "value": "red", "as_of": "2024-02-01"})"
      "\n";
  text +=
      R"({"id": "c3", "outlet": "daily", "published": "2024-03-02", "subject": "Ann", "predicate": "elected", "value": true, "via": ["wire"]})"
      "\n";
  text +=
      R"({"id": "c4", "outlet": "daily", "published": "2024-03-02", "subject": "City", "predicate": "budget", "value": {"amount": 2.5, "unit": "USD", "scale": "million"}, "confidence": 0.5})"
      "\n";
  text +=
      R"({"id": "c5", "outlet": "gazette", "published": "2024-03-03", "subject": "City", "predicate": "budget", "value": 2500000})"
      "\n";
  text +=
      R"({"id": "c6", "outlet": "gazette", "published": "2024-03-03", "subject": "City", "predicate": "founded", "value": "1850-05", "via": [{"id": "mayor", "name": "The Mayor", "kind": "person"}]})"
      "\n";
  text +=
      R"({"id": "c7", "outlet": "gazette", "published": "2024-03-03", "subject": "Ann", "predicate": "elected", "value": false})"
      "\n";
  return text;
}

TEST(JsonlReaderTest, LoadsTheSameClaimsAsTheDocument) {
  const std::string jsonl = WriteTemp("same.jsonl", Lines());
  const std::string json = WriteTemp("same.json", kDocument);
  std::vector<Diagnostic> warnings;
  const ClaimStore streamed = LoadClaimStore(jsonl, InputFormat::kClaimsJsonl, {}, &warnings);
  const ClaimStore built = LoadClaimStore(json, InputFormat::kClaimsJson);
  EXPECT_TRUE(warnings.empty());
  ExpectSameClaims(streamed, built);
  // The undeclared "gazette" is an outlet; the inline "mayor" a person.
  const std::uint32_t gazette = streamed.FindOutlet("gazette");
  ASSERT_NE(gazette, ClaimStore::kNotFound);
  EXPECT_EQ(streamed.outlets()[gazette].kind, "outlet");
  EXPECT_EQ(streamed.outlets()[streamed.FindOutlet("mayor")].kind, "person");
  EXPECT_EQ(streamed.outlets()[streamed.FindOutlet("mayor")].name, "The Mayor");
  // Relayed claims share a group: c1 and c3 are one report of wire's.
  const auto ids = ClaimsById(streamed);
  EXPECT_EQ(GroupOf(streamed, ids.at("c3")), (std::set<std::string>{"c1", "c3"}));
}

TEST(JsonlReaderTest, DetectsTheFormatByHeaderAndByName) {
  const std::string named = WriteTemp("detect.ndjson", "\n");
  EXPECT_EQ(DetectInputFormat(named), InputFormat::kClaimsJsonl);
  const std::string by_header = WriteTemp("detect_header.txt", Lines());
  EXPECT_EQ(DetectInputFormat(by_header), InputFormat::kClaimsJsonl);
  const std::string document = WriteTemp("detect_doc.txt", kDocument);
  EXPECT_EQ(DetectInputFormat(document), InputFormat::kClaimsJson);
  EXPECT_EQ(ParseInputFormat("jsonl"), InputFormat::kClaimsJsonl);
  EXPECT_EQ(ToString(InputFormat::kClaimsJsonl), "jsonl");
}

TEST(JsonlReaderTest, AcceptsBlankLinesCrlfAndBom) {
  std::string text = "\xEF\xBB\xBF" + Lines();
  std::string crlf;
  for (const char c : text) {
    if (c == '\n')
      crlf += "\r\n  \r\n";
    else
      crlf += c;
  }
  const std::string path = WriteTemp("crlf.jsonl", crlf);
  const ClaimStore streamed = LoadClaimStore(path, InputFormat::kClaimsJsonl);
  const ClaimStore built = LoadClaimStore(WriteTemp("crlf.json", kDocument), InputFormat::kAuto);
  ExpectSameClaims(streamed, built);
}

// Loads `lines` after the header and returns the error messages.
std::vector<std::string> Errors(const std::string& name, const std::string& lines,
                                const std::string& header = kHeader) {
  const std::string path = WriteTemp(name, header + "\n" + lines);
  try {
    LoadClaimStore(path, InputFormat::kClaimsJsonl);
  } catch (const InputError& error) {
    std::vector<std::string> messages;
    for (const Diagnostic& diagnostic : error.diagnostics()) {
      messages.push_back(diagnostic.ToString());
    }
    return messages;
  }
  return {};
}

TEST(JsonlReaderTest, ErrorsNameFileLineAndPointer) {
  const std::string base = R"("outlet": "wire", "subject": "Ann", "predicate": "elected")";
  struct Case {
    std::string line;
    std::string expected;  // after "path:"
  };
  const std::vector<Case> cases = {
      {"{" + base + R"(, "id": "x", "value": 3})", "2: /value: expected a boolean"},
      {R"({"id": "x", "subject": "Ann", "predicate": "elected", "value": true})",
       "2: /outlet: missing required key \"outlet\""},
      {"{" + base + R"(, "value": true})", "2: /id: missing required key \"id\""},
      {R"({"id": "x", "outlet": "wire", "subject": "Ann", "predicate": "mood", "value": 1})",
       "2: /predicate: unknown predicate \"mood\""},
      {"{" + base + R"(, "id": "x", "value": true, "as_of": "2024-13"})", "2: /as_of: expected"},
      {"{" + base + R"(, "id": "x", "value": true, "confidence": 2})",
       "2: /confidence: expected a number in (0, 1]"},
      {"{" + base + R"(, "id": "x", "value": true, "via": ["wire"]})",
       "2: /via/0: the article's own outlet \"wire\" cannot relay itself"},
      {"{" + base + R"(, "id": "x", "value": true, "via": [3]})",
       "2: /via/0: expected a source id"},
      {R"({"id": "x", "outlet": "wire", "subject": "Ann", "predicate": "party", "value": "green"})",
       "2: /value: expected one of the values allowed for predicate \"party\""},
      {R"({"id": "x", "outlet": "wire", "subject": "C", "predicate": "budget", "value": {"amount": 1, "unit": "days"}})",
       "2: /value/unit: unit \"days\" cannot be converted"},
      {R"({"id": "x", "outlet": "wire", "subject": "C", "predicate": "budget", "value": {"unit": "USD"}})",
       "2: /value/amount: missing required key \"amount\""},
      {R"({"id": "x", "outlet": "wire")", "2: malformed JSON"},
      {"[1, 2]", "2: expected a claim (a JSON object)"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].line);
    const std::string name = "error" + std::to_string(i) + ".jsonl";
    const std::vector<std::string> errors = Errors(name, cases[i].line + "\n");
    ASSERT_EQ(errors.size(), 1U);
    const std::string path =
        (fs::temp_directory_path() / "credence_jsonl_reader_test" / name).string();
    EXPECT_EQ(errors[0].rfind(path + ":" + cases[i].expected, 0), 0U) << errors[0];
  }
}

TEST(JsonlReaderTest, DuplicateIdsNameBothLines) {
  const std::string claim =
      R"({"id": "x", "outlet": "wire", "subject": "Ann", "predicate": "elected", "value": true})";
  const std::vector<std::string> errors = Errors("duplicate.jsonl", claim + "\n\n" + claim + "\n");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].find(":4: /id: duplicate claim id \"x\" (first at line 2)"),
            std::string::npos)
      << errors[0];
}

TEST(JsonlReaderTest, AViaIdThatNoLineOrDeclarationNamesIsUnknown) {
  const std::string base = R"("subject": "Ann", "predicate": "elected", "value": true)";
  // "daily" relays "later", which publishes two lines further down: known by the end.
  // "daily" relays "wirre", which nothing declares: a typo, reported where it was first used.
  const std::string lines = "{\"id\": \"a\", \"outlet\": \"daily\", \"via\": [\"later\"], " + base +
                            "}\n{\"id\": \"b\", \"outlet\": \"daily\", \"via\": [\"wirre\"], " +
                            base + "}\n{\"id\": \"c\", \"outlet\": \"later\", " + base + "}\n";
  const std::vector<std::string> errors = Errors("unknown_via.jsonl", lines);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].find(":3: /via/0: unknown source \"wirre\" in via"), std::string::npos)
      << errors[0];
}

TEST(JsonlReaderTest, HeaderErrorsUseTheDocumentChecks) {
  const std::vector<std::string> errors =
      Errors("header.jsonl", "",
             R"({"credence": "1", "predicates": [{"id": "p", "value_kind": "colour"}]})");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].find(":1: /predicates/0/value_kind: "), std::string::npos) << errors[0];
}

TEST(JsonlReaderTest, KeepsAtMostOneHundredErrors) {
  std::string lines;
  for (int i = 0; i < 150; ++i) lines += "[]\n";
  const std::vector<std::string> errors = Errors("many.jsonl", lines);
  ASSERT_EQ(errors.size(), 101U);
  EXPECT_NE(errors.back().find("and 50 more errors"), std::string::npos);
}

TEST(JsonlReaderTest, UndatedClaimsGetOneWarning) {
  const std::string header =
      R"({"credence": "1", "predicates": [{"id": "p", "value_kind": "boolean"}]})";
  const std::string path =
      WriteTemp("undated.jsonl",
                header + "\n" +
                    R"({"id": "a", "outlet": "o", "subject": "s", "predicate": "p", "value": true})"
                    "\n" +
                    R"({"id": "b", "outlet": "o", "subject": "s", "predicate": "p", "value": true})"
                    "\n");
  std::vector<Diagnostic> warnings;
  const ClaimStore store = LoadClaimStore(path, InputFormat::kClaimsJsonl, {}, &warnings);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].message.find("2 claim(s)"), std::string::npos);
  EXPECT_EQ(store.claim_day()[0], 0);  // 1970-01-01
}

TEST(JsonlReaderTest, SynthJsonlMatchesTheSynthDocument) {
  SynthOptions options;
  options.claims = 3000;
  options.seed = 7;
  const SynthDataset data = GenerateSynth(options);
  const std::string jsonl = WriteTemp("synth.claims.jsonl", SynthClaimsJsonl(data));
  const std::string json = WriteTemp("synth.claims.json", SynthClaimsJson(data));
  const ClaimStore streamed = LoadClaimStore(jsonl, InputFormat::kAuto);
  const ClaimStore built = LoadClaimStore(json, InputFormat::kAuto);
  ASSERT_EQ(streamed.num_claims(), 3000U);
  ExpectSameClaims(streamed, built);
  EXPECT_EQ(streamed.num_outlets(), built.num_outlets());
}

}  // namespace
}  // namespace credence

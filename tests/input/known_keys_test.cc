// Unknown keys in the objects credence defines: a warning naming the key, its pointer and the
// nearest known key; silent for "x-" keys and "extensions"; an error with --strict. In claims
// documents and in JSON Lines alike.
#include "input/known_keys.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "credence/error.h"
#include "credence/input.h"

namespace credence {
namespace {

namespace fs = std::filesystem;
using input_internal::EditDistance;
using input_internal::UnknownKeyMessage;

TEST(KnownKeys, EditDistanceCountsTranspositionsAsOne) {
  EXPECT_EQ(EditDistance("via", "via"), 0U);
  EXPECT_EQ(EditDistance("vai", "via"), 1U);       // a ↔ i
  EXPECT_EQ(EditDistance("as_off", "as_of"), 1U);  // one f too many
  EXPECT_EQ(EditDistance("confidnce", "confidence"), 1U);
  EXPECT_EQ(EditDistance("mutabel", "mutable"), 1U);  // e ↔ l
  EXPECT_EQ(EditDistance("publshed", "published"), 1U);
  EXPECT_EQ(EditDistance("note", "quote"), 2U);  // n -> q, + u
  EXPECT_EQ(EditDistance("", "abc"), 3U);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3U);  // the textbook case
}

TEST(KnownKeys, TheMistakesOfTheIssueGetTheirFix) {
  const struct {
    const char* key;
    input_internal::KeyList known;
    const char* nearest;
  } cases[] = {
      {"vai", input_internal::kClaimKeys, "via"},
      {"as_off", input_internal::kClaimKeys, "as_of"},
      {"confidnce", input_internal::kClaimKeys, "confidence"},
      {"mutabel", input_internal::kPredicateKeys, "mutable"},
      {"publshed", input_internal::kArticleKeys, "published"},
      {"chnage_rate", input_internal::kPredicateKeys, "change_rate"},
      {"untill", input_internal::kClaimKeys, "until"},
  };
  for (const auto& c : cases) {
    const std::optional<std::string> message = UnknownKeyMessage(c.key, c.known);
    ASSERT_TRUE(message.has_value()) << c.key;
    EXPECT_EQ(*message,
              "unknown key \"" + std::string(c.key) + "\"; did you mean \"" + c.nearest + "\"?");
  }
}

TEST(KnownKeys, KnownAnnotatorAndFarKeysAreToldApart) {
  for (const char* key : {"since", "until", "as_of", "via", "confidence"}) {
    EXPECT_FALSE(UnknownKeyMessage(key, input_internal::kClaimKeys).has_value()) << key;
  }
  for (const char* key : {"mutable", "change_rate", "values", "tolerance"}) {
    EXPECT_FALSE(UnknownKeyMessage(key, input_internal::kPredicateKeys).has_value()) << key;
  }
  EXPECT_FALSE(UnknownKeyMessage("x-note", input_internal::kClaimKeys).has_value());
  EXPECT_FALSE(UnknownKeyMessage("extensions", input_internal::kClaimKeys).has_value());
  // Nothing near: the message lists the object's keys instead of guessing.
  const std::optional<std::string> far = UnknownKeyMessage("byline", input_internal::kArticleKeys);
  ASSERT_TRUE(far.has_value());
  EXPECT_NE(far->find("the keys of this object are \"id\", \"outlet\", \"published\""),
            std::string::npos)
      << *far;
  EXPECT_NE(far->find("\"x-\""), std::string::npos) << *far;
  // A short key is not "corrected" two edits away ("note" is not "quote").
  EXPECT_EQ(UnknownKeyMessage("note", input_internal::kClaimKeys)->find("did you mean"),
            std::string::npos);
}

constexpr const char* kDocument = R"({
  "credence": "1",
  "x-generator": "hand",
  "outlets": [{"id": "o", "nmae": "O"}, {"id": "w"}],
  "predicates": [
    {"id": "p", "value_kind": "quantity", "unit": "day", "mutabel": true,
     "tolerance": {"relativ": 0.1}},
    {"id": "b", "value_kind": "boolean", "extensions": {"anything": [1, 2]}}],
  "articles": [{"id": "a", "outlet": "o", "publshed": "2025-01-01", "claims": [
    {"id": "c1", "subject": "s", "predicate": "p", "value": {"amount": 3, "scael": "k"},
     "as_of": "2025-01-01", "vai": ["w"], "x-note": "checked by hand"},
    {"id": "c2", "subject": "s", "predicate": "b", "value": true, "as_of": "2025-01-02",
     "via": [{"id": "envoy", "knid": "person"}]}]}]
})";

TEST(KnownKeys, DocumentWarningsNameKeyPointerAndFix) {
  const ClaimsDocument document = ParseClaimsDocument(kDocument, "doc.json");
  std::vector<std::string> lines;
  for (const Diagnostic& warning : document.warnings) lines.push_back(warning.ToString());
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "doc.json: /outlets/0/nmae: warning: unknown key \"nmae\"; did you mean "
                       "\"name\"?",
                       "doc.json: /predicates/0/mutabel: warning: unknown key \"mutabel\"; did "
                       "you mean \"mutable\"?",
                       "doc.json: /predicates/0/tolerance/relativ: warning: unknown key "
                       "\"relativ\"; did you mean \"relative\"?",
                       "doc.json: /articles/0/publshed: warning: unknown key \"publshed\"; did "
                       "you mean \"published\"?",
                       "doc.json: /articles/0/claims/0/vai: warning: unknown key \"vai\"; did "
                       "you mean \"via\"?",
                       "doc.json: /articles/0/claims/0/value/scael: warning: unknown key "
                       "\"scael\"; did you mean \"scale\"?",
                       "doc.json: /articles/0/claims/1/via/0/knid: warning: unknown key "
                       "\"knid\"; did you mean \"kind\"?",
                       // What the typo in "published" did: the article has no date.
                       "doc.json: /articles/0: warning: article \"a\" has no publication date; "
                       "claims without \"as_of\" are dated at the latest date in the document "
                       "(2025-01-02)",
                   }));
}

TEST(KnownKeys, StrictMakesThemErrors) {
  ReadOptions options;
  options.strict = true;
  try {
    (void)ParseClaimsDocument(kDocument, "doc.json", options);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().size(), 8U);
    for (const Diagnostic& diagnostic : error.diagnostics()) {
      EXPECT_EQ(diagnostic.severity, Severity::kError);
    }
    EXPECT_EQ(error.diagnostics()[4].where.pointer, "/articles/0/claims/0/vai");
  }
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  const fs::path dir =
      fs::temp_directory_path() / ("credence_known_keys_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

TEST(KnownKeys, JsonLinesWarnOncePerKeyWithTheFirstLineAndCount) {
  const std::string path = WriteTemp(
      "claims.jsonl",
      R"({"credence": "1", "predicates": [{"id": "b", "value_kind": "boolean", "mutabel": true}]})"
      "\n"
      R"({"id": "c1", "outlet": "o", "subject": "s", "predicate": "b", "value": true, "vai": ["w"]})"
      "\n"
      R"({"id": "c2", "outlet": "w", "subject": "s", "predicate": "b", "value": true, "x-a": 1})"
      "\n"
      R"({"id": "c3", "outlet": "w", "subject": "t", "predicate": "b", "value": true, "vai": []})"
      "\n");
  std::vector<Diagnostic> warnings;
  (void)LoadClaimStore(path, InputFormat::kClaimsJsonl, {}, &warnings);
  std::vector<std::string> lines;
  for (const Diagnostic& warning : warnings) {
    if (warning.message.find("unknown key") != std::string::npos) {
      lines.push_back(warning.ToString());
    }
  }
  EXPECT_EQ(lines, (std::vector<std::string>{
                       path + ":1: /predicates/0/mutabel: warning: unknown key \"mutabel\"; did "
                              "you mean \"mutable\"?",
                       path + ":2: /vai: warning: unknown key \"vai\"; did you mean \"via\"? (on "
                              "2 lines; this is the first)",
                   }));
  ReadOptions strict;
  strict.strict = true;
  EXPECT_THROW((void)LoadClaimStore(path, InputFormat::kClaimsJsonl, strict), InputError);
}

}  // namespace
}  // namespace credence

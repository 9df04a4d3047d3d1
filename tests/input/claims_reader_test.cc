#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "credence/document.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/value.h"

namespace credence {
namespace {

// A document that exercises every field, every default and inline via declarations. Dates: the
// latest day named anywhere is the last day of "2025-06" (an as_of at month granularity), so
// the undated claims of the undated article fall back to 2025-06-30.
constexpr const char* kValidDocument = R"json({
  "credence": "1",
  "outlets": [
    {"id": "north-press", "name": "North Press Agency", "kind": "outlet"},
    {"id": "an-nahar", "x-ignored": [1, 2]}
  ],
  "predicates": [
    {"id": "member_of", "value_kind": "boolean", "mutable": true, "change_rate": 0.5},
    {"id": "coalition_size", "value_kind": "quantity", "mutable": true,
     "tolerance": {"relative": 0.1, "absolute": 2}},
    {"id": "relief_length", "value_kind": "quantity", "unit": "day", "description": "how long"},
    {"id": "status", "value_kind": "category", "values": ["pending", "Approved"]},
    {"id": "signed_on", "value_kind": "date"},
    {"id": "motto", "value_kind": "string", "unknown-key": {"nested": true}}
  ],
  "articles": [
    {"id": "np-1", "outlet": "north-press", "published": "2025-04-14", "title": "T",
     "url": null, "extra": true,
     "claims": [
       {"id": "c1", "subject": "Syria", "predicate": "member_of", "value": false,
        "as_of": "2025-04", "via": ["an-nahar", {"id": "minister", "name": "The Minister"}],
        "quote": "q", "confidence": 0.6, "via_inferred": true},
       {"id": "c2", "subject": "Syria", "predicate": "coalition_size", "value": 12,
        "via": [{"id": "an-nahar", "kind": "person"}, "office-x"]},
       {"id": "c3", "subject": "deal", "predicate": "relief_length",
        "value": {"amount": 6, "unit": "month"}},
       {"id": "c4", "subject": "deal", "predicate": "relief_length",
        "value": {"amount": null, "scale": "thousand"}}
     ]},
    {"id": "an-1", "outlet": "an-nahar", "title": null,
     "claims": [
       {"id": "c5", "subject": "deal", "predicate": "status", "value": "  PENDING "},
       {"id": "c6", "subject": "deal", "predicate": "signed_on", "value": "2025-05",
        "as_of": "2025-06", "via": [{"id": "office-x", "kind": "office"}, "minister"]},
       {"id": "c7", "subject": "deal", "predicate": "motto", "value": "Hello  World"}
     ]}
  ]
})json";

std::string InvalidDataPath(const std::string& name) {
  return std::string(CREDENCE_SOURCE_DIR) + "/tests/bad_inputs/json/" + name;
}

// Runs `read` and returns the diagnostics of the InputError it must throw.
template <typename Read>
std::vector<Diagnostic> ErrorsOf(Read read) {
  try {
    read();
  } catch (const InputError& error) {
    return error.diagnostics();
  }
  ADD_FAILURE() << "no InputError thrown";
  return {};
}

std::vector<Diagnostic> ParseErrors(const std::string& text, const ReadOptions& options = {}) {
  return ErrorsOf([&] { (void)ParseClaimsDocument(text, "doc.json", options); });
}

// The process id keeps concurrent runs of this test (several build trees) apart.
std::string WriteTempFile(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_" + name;
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path;
}

TEST(Sha256DigestTest, MatchesKnownVectors) {
  // FIPS 180-2 appendix B.1, and the digest of the empty message.
  EXPECT_EQ(Sha256Digest("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Digest(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ClaimsReaderTest, ReadsEveryFieldOfAValidDocument) {
  const ClaimsDocument document = ParseClaimsDocument(kValidDocument, "mem.json");
  EXPECT_EQ(document.source, "mem.json");
  EXPECT_EQ(document.input_digest, Sha256Digest(kValidDocument));
  EXPECT_EQ(document.NumClaims(), 7U);

  // Declared outlets first, then inline sources in order of first declaration; an inline entry
  // that names a declared outlet adds nothing.
  ASSERT_EQ(document.outlets.size(), 4U);
  EXPECT_EQ(document.outlets[0].id, "north-press");
  EXPECT_EQ(document.outlets[0].name, "North Press Agency");
  EXPECT_EQ(document.outlets[0].kind, "outlet");
  EXPECT_EQ(document.outlets[1].id, "an-nahar");
  EXPECT_EQ(document.outlets[1].name, "an-nahar");
  EXPECT_EQ(document.outlets[1].kind, "outlet");
  EXPECT_EQ(document.outlets[2].id, "minister");
  EXPECT_EQ(document.outlets[2].name, "The Minister");
  EXPECT_EQ(document.outlets[2].kind, "person");
  EXPECT_EQ(document.outlets[3].id, "office-x");
  EXPECT_EQ(document.outlets[3].name, "office-x");
  EXPECT_EQ(document.outlets[3].kind, "office");

  ASSERT_EQ(document.predicates.size(), 6U);
  const PredicateRecord& member_of = document.predicates[0];
  EXPECT_EQ(member_of.id, "member_of");
  EXPECT_EQ(member_of.value_kind, ValueKind::kBoolean);
  EXPECT_EQ(member_of.mutability, Mutability::kMutable);
  ASSERT_TRUE(member_of.change_rate_per_year.has_value());
  EXPECT_EQ(*member_of.change_rate_per_year, 0.5);
  const PredicateRecord& size = document.predicates[1];
  EXPECT_EQ(size.value_kind, ValueKind::kQuantity);
  EXPECT_EQ(size.unit, "count");  // the default unit of a quantity
  EXPECT_EQ(size.tolerance.relative, 0.1);
  EXPECT_EQ(size.tolerance.absolute, 2.0);
  EXPECT_FALSE(size.change_rate_per_year.has_value());
  const PredicateRecord& length = document.predicates[2];
  EXPECT_EQ(length.unit, "day");
  EXPECT_EQ(length.mutability, Mutability::kLearned);  // no "mutable" key: learned
  EXPECT_EQ(length.tolerance.relative, Tolerance{}.relative);
  EXPECT_EQ(length.tolerance.absolute, Tolerance{}.absolute);
  EXPECT_EQ(length.description, "how long");
  const PredicateRecord& status = document.predicates[3];
  EXPECT_EQ(status.value_kind, ValueKind::kCategory);
  ASSERT_EQ(status.domain.size(), 2U);
  EXPECT_EQ(status.domain[0], Value::Category("pending"));
  EXPECT_EQ(status.domain[1], Value::Category("Approved"));
  EXPECT_EQ(document.predicates[4].value_kind, ValueKind::kDate);
  EXPECT_EQ(document.predicates[5].value_kind, ValueKind::kString);
  EXPECT_TRUE(document.predicates[5].domain.empty());

  ASSERT_EQ(document.articles.size(), 2U);
  const ArticleRecord& np = document.articles[0];
  EXPECT_EQ(np.id, "np-1");
  EXPECT_EQ(np.outlet, "north-press");
  ASSERT_TRUE(np.published.has_value());
  EXPECT_EQ(*np.published, (Date{2025, 4, 14, DateGranularity::kDay}));
  EXPECT_EQ(np.title, "T");
  EXPECT_EQ(np.url, "");
  EXPECT_EQ(np.pointer, "/articles/0");
  ASSERT_EQ(np.claims.size(), 4U);

  const ClaimRecord& c1 = np.claims[0];
  EXPECT_EQ(c1.id, "c1");
  EXPECT_EQ(c1.subject, "Syria");
  EXPECT_EQ(c1.predicate, "member_of");
  EXPECT_EQ(c1.value, Value::Boolean(false));
  EXPECT_EQ(c1.as_of, (Date{2025, 4, 0, DateGranularity::kMonth}));
  EXPECT_FALSE(c1.as_of_is_fallback);
  EXPECT_EQ(c1.via, (std::vector<std::string>{"an-nahar", "minister"}));
  EXPECT_TRUE(c1.via_inferred);
  EXPECT_EQ(c1.quote, "q");
  EXPECT_EQ(c1.confidence, 0.6);
  EXPECT_EQ(c1.pointer, "/articles/0/claims/0");

  const ClaimRecord& c2 = np.claims[1];
  EXPECT_EQ(c2.value, Value::Quantity(12.0, "count"));
  EXPECT_EQ(c2.as_of, *np.published);  // defaults to the publication date
  EXPECT_FALSE(c2.as_of_is_fallback);
  EXPECT_EQ(c2.via, (std::vector<std::string>{"an-nahar", "office-x"}));
  EXPECT_FALSE(c2.via_inferred);
  EXPECT_EQ(c2.quote, "");
  EXPECT_EQ(c2.confidence, 1.0);
  EXPECT_EQ(c2.pointer, "/articles/0/claims/1");

  EXPECT_EQ(np.claims[2].value, Value::Quantity(6.0, "month"));
  EXPECT_EQ(np.claims[3].value, Value::Quantity(std::nullopt, "day", "thousand"));
  EXPECT_FALSE(np.claims[3].value.IsKnown());

  const ArticleRecord& an = document.articles[1];
  EXPECT_FALSE(an.published.has_value());
  EXPECT_EQ(an.title, "");
  ASSERT_EQ(an.claims.size(), 3U);
  const Date fallback{2025, 6, 30, DateGranularity::kDay};
  EXPECT_EQ(an.claims[0].value, Value::Category("  PENDING "));
  EXPECT_EQ(an.claims[0].as_of, fallback);
  EXPECT_TRUE(an.claims[0].as_of_is_fallback);
  EXPECT_EQ(an.claims[1].value, Value::FromDate(Date{2025, 5, 0, DateGranularity::kMonth}));
  EXPECT_EQ(an.claims[1].as_of, (Date{2025, 6, 0, DateGranularity::kMonth}));
  EXPECT_FALSE(an.claims[1].as_of_is_fallback);
  EXPECT_EQ(an.claims[1].via, (std::vector<std::string>{"office-x", "minister"}));
  EXPECT_EQ(an.claims[2].value, Value::String("Hello  World"));
  EXPECT_EQ(an.claims[2].as_of, fallback);
  EXPECT_TRUE(an.claims[2].as_of_is_fallback);
  EXPECT_EQ(an.claims[2].pointer, "/articles/1/claims/2");

  // Two unknown keys (an "x-" key is the annotator's own and stays silent), then the undated
  // article.
  ASSERT_EQ(document.warnings.size(), 3U) << InputError(document.warnings).what();
  EXPECT_EQ(document.warnings[0].where.pointer, "/predicates/5/unknown-key");
  EXPECT_EQ(document.warnings[1].where.pointer, "/articles/0/extra");
  const Diagnostic& warning = document.warnings[2];
  EXPECT_EQ(warning.severity, Severity::kWarning);
  EXPECT_EQ(warning.where.file, "mem.json");
  EXPECT_EQ(warning.where.pointer, "/articles/1");
  EXPECT_EQ(warning.message,
            "article \"an-1\" has no publication date; claims without \"as_of\" are dated at "
            "the latest date in the document (2025-06-30)");
}

TEST(ClaimsReaderTest, DocumentWithoutAnyDateFallsBackToTheEpochWithOneWarning) {
  const ClaimsDocument document = ParseClaimsDocument(R"({
    "outlets": [{"id": "o"}],
    "predicates": [{"id": "p", "value_kind": "boolean"}],
    "articles": [{"id": "a", "outlet": "o", "published": null, "claims": [
      {"id": "c1", "subject": "s", "predicate": "p", "value": true},
      {"id": "c2", "subject": "s", "predicate": "p", "value": false}]}]
  })",
                                                      "undated.json");
  ASSERT_EQ(document.NumClaims(), 2U);
  for (const ClaimRecord& claim : document.articles[0].claims) {
    EXPECT_EQ(claim.as_of, (Date{1970, 1, 1, DateGranularity::kDay}));
    EXPECT_TRUE(claim.as_of_is_fallback);
  }
  ASSERT_EQ(document.warnings.size(), 2U);
  EXPECT_EQ(document.warnings[0].where.pointer, "");
  EXPECT_NE(document.warnings[0].message.find("no date at all"), std::string::npos);
  EXPECT_EQ(document.warnings[1].where.pointer, "/articles/0");
  EXPECT_NE(document.warnings[1].message.find("1970-01-01"), std::string::npos);
}

TEST(ClaimsReaderTest, MinimalDocumentNeedsNoOutletsAndGivesNoWarnings) {
  const ClaimsDocument document =
      ParseClaimsDocument(R"({"predicates": [], "articles": []})", "min.json");
  EXPECT_TRUE(document.outlets.empty());
  EXPECT_EQ(document.NumClaims(), 0U);
  EXPECT_TRUE(document.warnings.empty());
}

struct InvalidCase {
  const char* file;
  const char* pointer;
  const char* message;  // a substring of the one error's message
};

// One problem per file; the reader must report exactly that one, at that pointer.
const InvalidCase kInvalidCases[] = {
    {"duplicate_claim_id.json", "/articles/0/claims/1/id",
     "duplicate claim id \"c1\" (first at /articles/0/claims/0)"},
    {"duplicate_outlet.json", "/outlets/2/id", "duplicate outlet id \"np\" (first at /outlets/0)"},
    {"duplicate_article_id.json", "/articles/1/id",
     "duplicate article id \"a1\" (first at /articles/0)"},
    {"duplicate_predicate.json", "/predicates/2/id",
     "duplicate predicate id \"member_of\" (first at /predicates/0)"},
    {"duplicate_key.json", "/articles/0/claims/0/value", "more than once"},
    {"unknown_outlet.json", "/articles/0/outlet", "unknown outlet \"ghost\""},
    {"unknown_predicate.json", "/articles/0/claims/0/predicate", "unknown predicate \"size\""},
    {"unknown_value_kind.json", "/predicates/1/value_kind",
     "expected one of \"boolean\", \"category\", \"quantity\", \"date\", \"string\", got the "
     "string \"number\""},
    {"unknown_via.json", "/articles/0/claims/0/via/0",
     "unknown source \"someone\" in via: declare it in /outlets or write {\"id\": \"someone\", "
     "\"kind\": \"person\"}"},
    {"via_self.json", "/articles/0/claims/0/via/0", "cannot relay itself"},
    {"via_duplicate.json", "/articles/0/claims/0/via/1",
     "duplicate source \"an\" in via (first at /articles/0/claims/0/via/0)"},
    {"via_kind_conflict.json", "/articles/0/claims/1/via/0/kind",
     "source \"minister\" has kind \"person\" here but kind \"office\" at "
     "/articles/0/claims/0/via/0"},
    {"wrong_value_kind.json", "/articles/0/claims/0/value",
     "expected a boolean for predicate \"member_of\" (value_kind boolean), got the string "
     "\"yes\""},
    {"nan_amount.json", "/articles/0/claims/0/value/amount", "got the string \"NaN\""},
    {"unknown_scale.json", "/articles/0/claims/0/value/scale", "unknown scale word \"zillion\""},
    {"unit_dimension.json", "/articles/0/claims/0/value/unit",
     "unit \"USD\" cannot be converted to the unit \"day\""},
    {"outside_domain.json", "/articles/0/claims/0/value",
     "expected one of the values allowed for predicate \"status\" (\"pending\", \"approved\"), "
     "got the string \"rejected\""},
    {"impossible_date.json", "/articles/0/published", "got the string \"2025-02-30\""},
    {"absurd_year.json", "/articles/0/claims/0/as_of",
     "year 1492 is outside the accepted range 1800..2200"},
    {"confidence_zero.json", "/articles/0/claims/0/confidence",
     "expected a number in (0, 1] (the extraction confidence), got the number 0"},
    {"confidence_above_one.json", "/articles/0/claims/0/confidence", "got the number 1.5"},
    {"missing_subject.json", "/articles/0/claims/0/subject", "missing required key \"subject\""},
    {"missing_articles.json", "/articles", "missing required key \"articles\""},
    {"wrong_type_claims.json", "/articles/0/claims", "expected an array, got an object"},
    {"wrong_version.json", "/credence", "expected the format version \"1\""},
    {"not_an_object.json", "", "expected the document to be a JSON object"},
    {"change_rate_immutable.json", "/predicates/1/change_rate", "mutable"},
    {"negative_tolerance.json", "/predicates/1/tolerance/relative",
     "expected a finite number >= 0, got the number -0.1"},
};

class InvalidDocumentTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidDocumentTest, ReportsTheOneProblemAtItsPointer) {
  const InvalidCase& expected = GetParam();
  const std::string path = InvalidDataPath(expected.file);
  const std::vector<Diagnostic> errors = ErrorsOf([&] { (void)ReadClaimsDocument(path); });
  ASSERT_EQ(errors.size(), 1U) << InputError(errors).what();
  EXPECT_EQ(errors[0].severity, Severity::kError);
  EXPECT_EQ(errors[0].where.file, path);
  EXPECT_EQ(errors[0].where.pointer, expected.pointer);
  EXPECT_NE(errors[0].message.find(expected.message), std::string::npos) << errors[0].message;
}

// Test names are the file names without ".json".
std::string InvalidCaseName(const ::testing::TestParamInfo<InvalidCase>& param) {
  const std::string file = param.param.file;
  return file.substr(0, file.find('.'));
}

INSTANTIATE_TEST_SUITE_P(Files, InvalidDocumentTest, ::testing::ValuesIn(kInvalidCases),
                         InvalidCaseName);

// The corpus holds more JSON cases than this table (tests/bad_inputs/manifest.tsv drives them
// through the command line); the ones here are checked down to the exact pointer.
TEST(ClaimsReaderTest, EveryFileInTheTableExists) {
  for (const InvalidCase& entry : kInvalidCases) {
    EXPECT_TRUE(std::filesystem::exists(InvalidDataPath(entry.file))) << entry.file;
  }
}

TEST(ClaimsReaderTest, TruncatedFileReportsTheLineAndColumnOfTheEnd) {
  // The file has 7 complete lines, so the unexpected end is at line 8, column 1.
  const std::vector<Diagnostic> errors =
      ErrorsOf([] { (void)ReadClaimsDocument(InvalidDataPath("malformed.json")); });
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.line, 8);
  EXPECT_EQ(errors[0].where.pointer, "");
  EXPECT_EQ(errors[0].message.rfind("malformed JSON at line 8, column 1: ", 0), 0U)
      << errors[0].message;
  EXPECT_NE(errors[0].message.find("unexpected end of input"), std::string::npos);
}

TEST(ClaimsReaderTest, AmountTooLargeForADoubleIsReportedWhereTheNumberStarts) {
  // Line 7 is `      {"id": "c1", "subject": "deal", "predicate": "length", "value": 1e400}`:
  // 1e400 starts at column 71.
  const std::vector<Diagnostic> errors =
      ErrorsOf([] { (void)ReadClaimsDocument(InvalidDataPath("huge_amount.json")); });
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.line, 7);
  EXPECT_EQ(errors[0].message.rfind("malformed JSON at line 7, column 71: ", 0), 0U)
      << errors[0].message;
  EXPECT_NE(errors[0].message.find("1e400"), std::string::npos);
}

TEST(ClaimsReaderTest, MalformedTextReportsLineAndColumn) {
  // Line 3 is `    {"id": "a",, }`: the second comma is column 16.
  const std::vector<Diagnostic> errors =
      ParseErrors("{\n  \"articles\": [\n    {\"id\": \"a\",, }\n  ]\n}\n");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.line, 3);
  EXPECT_EQ(errors[0].message.rfind("malformed JSON at line 3, column 16: ", 0), 0U)
      << errors[0].message;
  EXPECT_EQ(errors[0].ToString().rfind("doc.json:3: malformed JSON", 0), 0U)
      << errors[0].ToString();
}

TEST(ClaimsReaderTest, ColumnsCountCharactersNotBytes) {
  // "é" is two bytes but one column: the stray x is character 12 of the line.
  const std::vector<Diagnostic> errors = ParseErrors("{\"a\": \"\xC3\xA9\", x}");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].message.rfind("malformed JSON at line 1, column 12: ", 0), 0U)
      << errors[0].message;
}

TEST(ClaimsReaderTest, InvalidUtf8IsAMalformedDocument) {
  // `{"credence": "` is 14 characters; the invalid byte is the 15th.
  const std::vector<Diagnostic> errors = ParseErrors("{\"credence\": \"\xFF\"}");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.line, 1);
  EXPECT_EQ(errors[0].message.rfind("malformed JSON at line 1, column 15: ", 0), 0U)
      << errors[0].message;
  // The parser's quote of what it read shows the bad byte escaped, not raw.
  EXPECT_EQ(errors[0].message.find('\xFF'), std::string::npos);
  EXPECT_NE(errors[0].message.find("\\xFF"), std::string::npos) << errors[0].message;
}

TEST(ClaimsReaderTest, ParserQuoteOfALongTokenIsShortened) {
  const std::vector<Diagnostic> errors =
      ParseErrors("{\"credence\": \"" + std::string(100000, 'a') + "\x01\"}");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_LT(errors[0].message.size(), 400U);
}

TEST(ClaimsReaderTest, CollectsSeveralErrorsAtOnce) {
  const std::vector<Diagnostic> errors = ParseErrors(R"({
    "outlets": [{"id": "o"}, {"name": "no id"}],
    "predicates": [{"id": "p", "value_kind": "boolean"}],
    "articles": [
      {"id": "a", "outlet": "nobody", "published": "2025-13-01", "claims": [
        {"id": "c1", "subject": "", "predicate": "p", "value": 1, "confidence": -1},
        {"id": "c1", "subject": "s", "predicate": "q", "value": true, "via": [7]}]}]
  })");
  std::vector<std::string> pointers;
  pointers.reserve(errors.size());
  for (const Diagnostic& error : errors) {
    pointers.push_back(error.where.pointer);
  }
  EXPECT_EQ(pointers, (std::vector<std::string>{
                          "/outlets/1/id",
                          "/articles/0/outlet",
                          "/articles/0/published",
                          "/articles/0/claims/0/subject",
                          "/articles/0/claims/0/value",
                          "/articles/0/claims/0/confidence",
                          "/articles/0/claims/1/id",
                          "/articles/0/claims/1/predicate",
                          "/articles/0/claims/1/via/0",
                      }));
  // The exception's text lists them all, one a line.
  const std::string text = InputError(errors).what();
  EXPECT_EQ(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')),
            errors.size() - 1);
}

TEST(ClaimsReaderTest, TypeErrorsNameTheOffendingValue) {
  const std::vector<Diagnostic> errors = ParseErrors(R"({
    "outlets": [{"id": "o"}],
    "predicates": [{"id": "n", "value_kind": "quantity", "unit": "day"}],
    "articles": [{"id": "a", "outlet": "o", "published": "2025-01-01", "claims": [
      {"id": "c", "subject": "s", "predicate": "n", "value": "6 months", "quote": 3}]}]
  })");
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].where.pointer, "/articles/0/claims/0/value");
  EXPECT_EQ(errors[0].message,
            "expected a number (in \"day\") or an object {\"amount\", \"unit\", \"scale\"} for "
            "predicate \"n\" (value_kind quantity), got the string \"6 months\"");
  EXPECT_EQ(errors[1].where.pointer, "/articles/0/claims/0/quote");
  EXPECT_EQ(errors[1].message, "expected a string, got the number 3");
}

TEST(ClaimsReaderTest, YearRangeComesFromTheOptions) {
  const std::string text = R"({"predicates": [], "articles": [
    {"id": "a", "outlet": "o", "published": "1999-12-31", "claims": []}],
    "outlets": [{"id": "o"}]})";
  EXPECT_NO_THROW((void)ParseClaimsDocument(text, "doc.json"));
  ReadOptions options;
  options.min_year = 2000;
  options.max_year = 2030;
  const std::vector<Diagnostic> errors = ParseErrors(text, options);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.pointer, "/articles/0/published");
  EXPECT_NE(errors[0].message.find("year 1999 is outside the accepted range 2000..2030"),
            std::string::npos)
      << errors[0].message;
}

TEST(ClaimsReaderTest, ByteOrderMarkIsSkippedButDigested) {
  const std::string body = R"({"predicates": [], "articles": []})";
  const std::string text = "\xEF\xBB\xBF" + body;
  const ClaimsDocument document = ParseClaimsDocument(text, "bom.json");
  EXPECT_TRUE(document.warnings.empty());
  EXPECT_EQ(document.input_digest, Sha256Digest(text));
  EXPECT_NE(document.input_digest, Sha256Digest(body));
}

TEST(ClaimsReaderTest, CrlfLineEndingsAreAcceptedAndCountedAsOneLineBreak) {
  const std::string text =
      "{\r\n  \"outlets\": [{\"id\": \"o\"}],\r\n  \"predicates\": [{\"id\": \"p\", "
      "\"value_kind\": \"boolean\"}],\r\n  \"articles\": [{\"id\": \"a\", \"outlet\": \"o\", "
      "\"published\": \"2025-01-01\",\r\n    \"claims\": [{\"id\": \"c\", \"subject\": \"s\", "
      "\"predicate\": \"p\", \"value\": true}]}]\r\n}\r\n";
  const ClaimsDocument document = ParseClaimsDocument(text, "crlf.json");
  EXPECT_EQ(document.NumClaims(), 1U);

  // The stray ']' opens line 3; the '\r' ending line 2 is not a line of its own.
  const std::vector<Diagnostic> errors = ParseErrors("{\r\n  \"a\": 1,\r\n]\r\n");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.line, 3);
  EXPECT_EQ(errors[0].message.rfind("malformed JSON at line 3, column 1: ", 0), 0U)
      << errors[0].message;
}

TEST(ClaimsReaderTest, LongViaListsOfInlineSourcesAreRead) {
  // Twenty thousand distinct inline sources, then the same ids as plain references: a
  // quadratic duplicate check would be slow here, and every id must be declared exactly once.
  constexpr int kSources = 20000;
  std::string inline_entries;
  std::string references;
  for (int i = 0; i < kSources; ++i) {
    if (i > 0) {
      inline_entries += ',';
      references += ',';
    }
    inline_entries += R"({"id": "s)" + std::to_string(i) + R"("})";
    references += "\"s" + std::to_string(i) + '"';
  }
  const std::string text = R"({"outlets": [{"id": "o"}],
    "predicates": [{"id": "p", "value_kind": "boolean"}],
    "articles": [{"id": "a", "outlet": "o", "published": "2025-01-01", "claims": [
      {"id": "c1", "subject": "s", "predicate": "p", "value": true, "via": [)" +
                           inline_entries + R"(]},
      {"id": "c2", "subject": "s", "predicate": "p", "value": true, "via": [)" +
                           references + "]}]}]}";
  ReadOptions options;
  options.max_via_entries = kSources;  // the default limit is far lower
  const ClaimsDocument document = ParseClaimsDocument(text, "many.json", options);
  ASSERT_EQ(document.outlets.size(), static_cast<std::size_t>(kSources) + 1);
  EXPECT_EQ(document.outlets.back().id, "s" + std::to_string(kSources - 1));
  EXPECT_EQ(document.outlets.back().kind, "person");
  EXPECT_EQ(document.articles[0].claims[0].via.size(), static_cast<std::size_t>(kSources));
  EXPECT_EQ(document.articles[0].claims[1].via, document.articles[0].claims[0].via);
}

TEST(ReadInputBytesTest, ReadsAFileExactly) {
  const std::string content = std::string("a\0b\r\n", 5);
  const std::string path = WriteTempFile("credence_read_exact.bin", content);
  EXPECT_EQ(ReadInputBytes(path, 1024), content);
}

TEST(ReadInputBytesTest, MissingFileNamesTheFileAndTheReason) {
  const std::string path = ::testing::TempDir() + "/credence_no_such_file.json";
  const std::vector<Diagnostic> errors = ErrorsOf([&] { (void)ReadInputBytes(path, 1024); });
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.file, path);
  EXPECT_NE(errors[0].message.find("No such file or directory"), std::string::npos)
      << errors[0].message;
}

TEST(ReadInputBytesTest, RefusesFilesLargerThanTheLimit) {
  const std::string path = WriteTempFile("credence_too_large.json", std::string(100, ' '));
  EXPECT_EQ(ReadInputBytes(path, 100).size(), 100U);
  const std::vector<Diagnostic> errors = ErrorsOf([&] { (void)ReadInputBytes(path, 99); });
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.file, path);
  EXPECT_NE(errors[0].message.find("100 bytes"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("limit of 99 bytes"), std::string::npos) << errors[0].message;
}

TEST(ReadInputBytesTest, RefusesADirectory) {
  const std::vector<Diagnostic> errors =
      ErrorsOf([] { (void)ReadInputBytes(::testing::TempDir(), 1024); });
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].message.find("directory"), std::string::npos) << errors[0].message;
}

TEST(ReadClaimsDocumentTest, ReadsAFileWithAByteOrderMarkAndKeepsThePathAsGiven) {
  const std::string text = "\xEF\xBB\xBF{\"predicates\": [], \"articles\": []}";
  const std::string path = WriteTempFile("credence_bom.json", text);
  const ClaimsDocument document = ReadClaimsDocument(path);
  EXPECT_EQ(document.source, path);
  EXPECT_EQ(document.input_digest, Sha256Digest(text));
}

}  // namespace
}  // namespace credence

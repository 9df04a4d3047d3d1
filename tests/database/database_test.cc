// The store: schema and migrations, ingest (validation, idempotence, revisions, atomicity) and
// the round trip ingest -> export -> parse, which must give back an equivalent document.
#include "credence/database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "credence/claim_store.h"
#include "credence/document.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/score.h"

namespace credence {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FixturePath(const std::string& name) {
  return std::string(CREDENCE_SOURCE_DIR) + "/fixtures/" + name + "/claims.json";
}

const std::vector<std::string>& FixtureNames() {
  static const std::vector<std::string> names = {"syria-coalition", "syria-coalition-reading-2",
                                                 "syria-coalition-reading-3", "sweden-nato",
                                                 "stale-outlet"};
  return names;
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("credence-db-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  std::string DbPath() const { return (directory_ / "store.db").string(); }

  fs::path directory_;
};

// Field by field: what the reader makes of the original and of the export must agree.
void ExpectEquivalent(const ClaimsDocument& a, const ClaimsDocument& b) {
  ASSERT_EQ(a.outlets.size(), b.outlets.size());
  for (std::size_t i = 0; i < a.outlets.size(); ++i) {
    EXPECT_EQ(a.outlets[i].id, b.outlets[i].id);
    EXPECT_EQ(a.outlets[i].name, b.outlets[i].name);
    EXPECT_EQ(a.outlets[i].kind, b.outlets[i].kind);
  }
  ASSERT_EQ(a.predicates.size(), b.predicates.size());
  for (std::size_t i = 0; i < a.predicates.size(); ++i) {
    const PredicateRecord& p = a.predicates[i];
    const PredicateRecord& q = b.predicates[i];
    EXPECT_EQ(p.id, q.id);
    EXPECT_EQ(p.value_kind, q.value_kind);
    EXPECT_EQ(p.unit, q.unit);
    EXPECT_EQ(p.mutability, q.mutability);
    EXPECT_EQ(p.tolerance.relative, q.tolerance.relative);
    EXPECT_EQ(p.tolerance.absolute, q.tolerance.absolute);
    EXPECT_EQ(p.change_rate_per_year, q.change_rate_per_year);
    EXPECT_EQ(p.domain, q.domain);
    EXPECT_EQ(p.description, q.description);
  }
  ASSERT_EQ(a.articles.size(), b.articles.size());
  for (std::size_t i = 0; i < a.articles.size(); ++i) {
    const ArticleRecord& x = a.articles[i];
    const ArticleRecord& y = b.articles[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.outlet, y.outlet);
    EXPECT_EQ(x.published, y.published);
    EXPECT_EQ(x.title, y.title);
    EXPECT_EQ(x.url, y.url);
    ASSERT_EQ(x.claims.size(), y.claims.size());
    for (std::size_t j = 0; j < x.claims.size(); ++j) {
      const ClaimRecord& c = x.claims[j];
      const ClaimRecord& d = y.claims[j];
      EXPECT_EQ(c.id, d.id);
      EXPECT_EQ(c.subject, d.subject);
      EXPECT_EQ(c.predicate, d.predicate);
      EXPECT_EQ(c.value, d.value) << c.id;
      EXPECT_EQ(c.as_of, d.as_of) << c.id;
      EXPECT_EQ(c.as_of_is_fallback, d.as_of_is_fallback);
      EXPECT_EQ(c.since, d.since) << c.id;
      EXPECT_EQ(c.until, d.until) << c.id;
      EXPECT_EQ(c.via, d.via);
      EXPECT_EQ(c.via_inferred, d.via_inferred);
      EXPECT_EQ(c.quote, d.quote);
      EXPECT_EQ(c.confidence, d.confidence);
    }
  }
}

// The scores document without what names the input (its name and digest) or times the run.
Json ScoresWithoutInput(const ClaimsDocument& document) {
  const ClaimStore store = BuildClaimStore(document);
  Json scores = Json::parse(ScoresToJson(store, Score(store, {})));
  scores["engine"].erase("input");
  scores["engine"].erase("input_digest");
  scores["summary"].erase("timings");
  return scores;
}

TEST_F(DatabaseTest, CreatesAStoreInWalModeAtTheCurrentSchemaVersion) {
  const Database database = Database::Open(DbPath());
  EXPECT_EQ(database.SchemaVersion(), Database::kSchemaVersion);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(DbPath().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)), "wal");
  sqlite3_finalize(statement);
  sqlite3_prepare_v2(db, "SELECT count(*) FROM schema_migrations", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), Database::kSchemaVersion);
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

TEST_F(DatabaseTest, RefusesANewerSchemaAndAForeignFile) {
  { Database::Open(DbPath()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(DbPath().c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    Database::Open(DbPath());
    FAIL() << "a newer schema was opened";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("schema version 99"), std::string::npos);
  }

  const std::string foreign = (directory_ / "foreign.db").string();
  ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE notes(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW(Database::Open(foreign), DatabaseError);
  // Reading does not create a store.
  EXPECT_THROW(Database::Open((directory_ / "missing.db").string(), /*read_only=*/true),
               DatabaseError);
}

TEST_F(DatabaseTest, ExportGivesBackAnEquivalentDocumentForEveryFixture) {
  for (const std::string& name : FixtureNames()) {
    SCOPED_TRACE(name);
    fs::remove(DbPath());
    Database database = Database::Open(DbPath());
    const std::string text = ReadFile(FixturePath(name));
    const IngestResult result = database.Ingest(text, name);
    const ClaimsDocument original = ParseClaimsDocument(text, name);
    EXPECT_EQ(result.articles.size(), original.articles.size());
    const ClaimsDocument exported = ParseClaimsDocument(database.ExportDocument(), "export");
    ExpectEquivalent(original, exported);
    EXPECT_EQ(ScoresWithoutInput(original), ScoresWithoutInput(exported));
  }
}

TEST_F(DatabaseTest, ExtensionKeysSurviveTheRoundTrip) {
  const std::string text = R"({"credence": "1",
    "outlets": [{"id": "wire", "x-desk": "north"}],
    "predicates": [{"id": "elected", "value_kind": "boolean", "extensions": {"k": [1, 2]}}],
    "articles": [{"id": "a1", "outlet": "wire", "published": "2024-03-01", "x-editor": "ed",
      "claims": [{"id": "c1", "subject": "Ann", "predicate": "elected", "value": true,
                  "via": [{"id": "aide", "name": "An aide"}], "x-note": "kept"}]}]})";
  Database database = Database::Open(DbPath());
  database.Ingest(text, "doc.json");
  const Json exported = Json::parse(database.ExportDocument());
  EXPECT_EQ(exported["predicates"][0]["extensions"], Json::parse(R"({"k": [1, 2]})"));
  EXPECT_EQ(exported["articles"][0]["x-editor"], "ed");
  EXPECT_EQ(exported["articles"][0]["claims"][0]["x-note"], "kept");
  // The inline source is an outlet of the store, declared in the export with its kind.
  EXPECT_EQ(exported["outlets"][1], Json::parse(R"({"id": "aide", "name": "An aide",
                                                     "kind": "person"})"));
  ExpectEquivalent(ParseClaimsDocument(text, "doc.json"),
                   ParseClaimsDocument(exported.dump(), "export"));
}

// Each article of a fixture as its own document: the first with the fixture's declarations,
// the others with none (the store's are used).
std::vector<std::string> SplitByArticle(const std::string& text) {
  const Json root = Json::parse(text);
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < root["articles"].size(); ++i) {
    Json part = i == 0 ? root : Json::object();
    part["articles"] = Json::array({root["articles"][i]});
    parts.push_back(part.dump());
  }
  return parts;
}

TEST_F(DatabaseTest, ArticlesPostedOneByOneUseTheStoresDeclarations) {
  const std::string text = ReadFile(FixturePath("syria-coalition"));
  Database database = Database::Open(DbPath());
  std::size_t claims = 0;
  for (const std::string& part : SplitByArticle(text)) {
    const IngestResult result = database.Ingest(part, "part.json");
    ASSERT_EQ(result.articles.size(), 1U);
    EXPECT_EQ(result.articles[0].outcome, IngestOutcome::kNew);
    claims += result.articles[0].claim_ids.size();
  }
  const ClaimsDocument original = ParseClaimsDocument(text, "original");
  EXPECT_EQ(claims, original.NumClaims());
  EXPECT_EQ(database.Stats().claims, static_cast<std::int64_t>(original.NumClaims()));
  EXPECT_EQ(ScoresWithoutInput(original),
            ScoresWithoutInput(ParseClaimsDocument(database.ExportDocument(), "export")));
}

constexpr std::string_view kOneArticle = R"({"outlets": [{"id": "wire"}],
  "predicates": [{"id": "elected", "value_kind": "boolean"}],
  "articles": [{"id": "a1", "outlet": "wire", "published": "2024-03-01",
    "claims": [{"id": "c1", "subject": "Ann", "predicate": "elected", "value": true}]}]})";

TEST_F(DatabaseTest, TheSameArticleAgainChangesNothing) {
  Database database = Database::Open(DbPath());
  const IngestResult first = database.Ingest(kOneArticle, "a.json");
  EXPECT_TRUE(first.Changed());
  const std::string before = database.ExportDocument();
  // The same content written differently (key order, spacing) is the same article.
  const std::string reordered = R"({"articles": [{"claims": [{"value": true, "predicate":
    "elected", "subject": "Ann", "id": "c1"}], "published": "2024-03-01", "outlet": "wire",
    "id": "a1"}], "predicates": [{"value_kind": "boolean", "id": "elected"}],
    "outlets": [{"id": "wire"}]})";
  const IngestResult second = database.Ingest(reordered, "b.json");
  ASSERT_EQ(second.articles.size(), 1U);
  EXPECT_EQ(second.articles[0].outcome, IngestOutcome::kUnchanged);
  EXPECT_EQ(second.articles[0].revision, 1);
  EXPECT_FALSE(second.Changed());
  EXPECT_EQ(database.ExportDocument(), before);
  EXPECT_EQ(database.Stats().revisions, 1);
}

TEST_F(DatabaseTest, AChangedArticleIsANewRevisionAndTheLatestCounts) {
  Database database = Database::Open(DbPath());
  database.Ingest(kOneArticle, "a.json");
  const std::string corrected = R"({"articles": [{"id": "a1", "outlet": "wire",
    "published": "2024-03-01", "claims": [
      {"id": "c1", "subject": "Ann", "predicate": "elected", "value": false},
      {"id": "c2", "subject": "Bob", "predicate": "elected", "value": true}]}]})";
  const IngestResult result = database.Ingest(corrected, "b.json");
  ASSERT_EQ(result.articles.size(), 1U);
  EXPECT_EQ(result.articles[0].outcome, IngestOutcome::kRevised);
  EXPECT_EQ(result.articles[0].revision, 2);
  EXPECT_EQ(result.articles[0].claim_ids, (std::vector<std::string>{"c1", "c2"}));

  const std::vector<std::string> revisions = database.ArticleRevisions("a1");
  ASSERT_EQ(revisions.size(), 2U);
  EXPECT_EQ(Json::parse(revisions[0])["claims"][0]["value"], true);
  EXPECT_EQ(Json::parse(revisions[1])["claims"][0]["value"], false);

  const ClaimsDocument exported = ParseClaimsDocument(database.ExportDocument(), "export");
  ASSERT_EQ(exported.articles.size(), 1U);
  ASSERT_EQ(exported.articles[0].claims.size(), 2U);
  EXPECT_EQ(exported.articles[0].claims[0].value, Value::Boolean(false));
  const std::optional<StoredClaim> claim = database.FindClaim("c1");
  ASSERT_TRUE(claim.has_value());
  EXPECT_EQ(claim->revision, 2);
  EXPECT_EQ(Json::parse(claim->claim_json)["value"], false);
  const StoreStats stats = database.Stats();
  EXPECT_EQ(stats.articles, 1);
  EXPECT_EQ(stats.revisions, 2);
  EXPECT_EQ(stats.claims, 2);
}

// Every problem is located as validate locates it, and nothing of the document is written.
std::vector<std::string> IngestErrors(Database& database, std::string_view text) {
  try {
    database.Ingest(text, "doc.json");
  } catch (const InputError& error) {
    std::vector<std::string> lines;
    for (const Diagnostic& diagnostic : error.diagnostics()) lines.push_back(diagnostic.ToString());
    return lines;
  }
  return {};
}

TEST_F(DatabaseTest, AnInvalidDocumentIsRefusedWithValidatesPointersAndWritesNothing) {
  Database database = Database::Open(DbPath());
  database.Ingest(kOneArticle, "a.json");
  const std::string before = database.ExportDocument();
  // Article a2 is fine, a3 names an unknown predicate: neither may be written.
  const std::string text = R"({"outlets": [{"id": "daily"}], "articles": [
    {"id": "a2", "outlet": "daily", "claims": [
      {"id": "c2", "subject": "Ann", "predicate": "elected", "value": true}]},
    {"id": "a3", "outlet": "wire", "claims": [
      {"id": "c3", "subject": "Ann", "predicate": "electd", "value": true}]}]})";
  const std::vector<std::string> errors = IngestErrors(database, text);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].rfind("doc.json: /articles/1/claims/0/predicate: ", 0), 0U) << errors[0];
  // The same error as validate gives for the document with the declarations written out.
  EXPECT_EQ(database.ExportDocument(), before);
  EXPECT_EQ(database.Stats().outlets, 1);

  const std::vector<std::string> syntax = IngestErrors(database, "{\"articles\": [}");
  ASSERT_EQ(syntax.size(), 1U);
  EXPECT_EQ(syntax[0].rfind("doc.json:1", 0), 0U) << syntax[0];
}

TEST_F(DatabaseTest, RefusesARedefinedPredicateAndAClaimIdOfAnotherArticle) {
  Database database = Database::Open(DbPath());
  database.Ingest(kOneArticle, "a.json");
  const std::vector<std::string> redefined = IngestErrors(database, R"({
    "predicates": [{"id": "elected", "value_kind": "category"}],
    "articles": []})");
  ASSERT_EQ(redefined.size(), 1U);
  EXPECT_EQ(redefined[0].rfind("doc.json: /predicates/0: predicate \"elected\" is already", 0), 0U)
      << redefined[0];

  const std::vector<std::string> taken = IngestErrors(database, R"({"articles": [
    {"id": "a9", "outlet": "wire", "claims": [
      {"id": "c1", "subject": "Bob", "predicate": "elected", "value": true}]}]})");
  ASSERT_EQ(taken.size(), 1U);
  EXPECT_EQ(taken[0].rfind("doc.json: /articles/0/claims/0/id: claim id \"c1\" is already in "
                           "the store, in article \"a1\"",
                           0),
            0U)
      << taken[0];
  EXPECT_EQ(database.Stats().articles, 1);
}

TEST_F(DatabaseTest, RecordsRunsWithTheirOutletHistory) {
  Database database = Database::Open(DbPath());
  for (int i = 0; i < 3; ++i) {
    RunInput run;
    run.options_json = "{}";
    run.input_digest = "sha256:x";
    run.scores_json = "{\"run\": " + std::to_string(i) + "}";
    run.outlets = {{"wire", 0.5 + 0.1 * i, 0.2, 0.9}};
    database.RecordRun(run);
  }
  const std::vector<RunRecord> runs = database.Runs(2, std::nullopt);
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0].id, 3);
  EXPECT_EQ(runs[1].id, 2);
  EXPECT_EQ(database.Runs(10, runs[1].id).size(), 1U);
  EXPECT_EQ(*database.RunScores(1), "{\"run\": 0}");
  const std::vector<HistoryPoint> history = database.OutletHistory("wire", 10, std::nullopt);
  ASSERT_EQ(history.size(), 3U);
  EXPECT_DOUBLE_EQ(history[0].reliability, 0.7);
  EXPECT_DOUBLE_EQ(history[2].reliability, 0.5);
  EXPECT_TRUE(database.OutletHistory("nobody", 10, std::nullopt).empty());
  EXPECT_EQ(database.LatestRun()->id, 3);
}

TEST_F(DatabaseTest, AReaderSeesTheStoreWhileItIsOpenForWriting) {
  Database writer = Database::Open(DbPath());
  writer.Ingest(kOneArticle, "a.json");
  const Database reader = Database::Open(DbPath(), /*read_only=*/true);
  EXPECT_EQ(reader.ExportDocument(), writer.ExportDocument());
  EXPECT_THROW(Database::Open(DbPath(), true).RecordRun({}), DatabaseError);
}

}  // namespace
}  // namespace credence

// The store: opening and migrating, ingesting documents (validated against the store's own
// declarations), exporting them back, and recording runs.
#include "credence/database.h"

#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "credence/document.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/version.h"
#include "database/schema.h"
#include "database/sqlite.h"
#include "input/json_input.h"

namespace credence {

using database_internal::Connection;
using database_internal::ReadTransaction;
using database_internal::Statement;
using database_internal::Transaction;
using Json = nlohmann::json;

namespace {

constexpr int kBusyTimeoutMs = 10'000;

std::string UtcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string DisplayName(const std::string& source_name) {
  return source_name == "-" ? "<stdin>" : source_name;
}

struct StoredOutlet {
  std::string id;
  std::string name;
  std::string kind;
};

// The ids a document declares itself: in /outlets, and inline in some claim's via.
struct DeclaredIds {
  std::unordered_set<std::string> outlets;
  std::unordered_set<std::string> inline_sources;
  std::unordered_set<std::string> predicates;
};

void CollectIds(const Json* array, std::unordered_set<std::string>* ids) {
  if (array == nullptr || !array->is_array()) return;
  for (const Json& entry : *array) {
    const auto id = entry.is_object() ? entry.find("id") : entry.end();
    if (id != entry.end() && id->is_string()) ids->insert(id->get<std::string>());
  }
}

const Json* FindKey(const Json& object, std::string_view key) {
  const auto found = object.find(key);
  return found == object.end() || found->is_null() ? nullptr : &*found;
}

DeclaredIds CollectDeclaredIds(const Json& root) {
  DeclaredIds ids;
  CollectIds(FindKey(root, "outlets"), &ids.outlets);
  CollectIds(FindKey(root, "predicates"), &ids.predicates);
  const Json* articles = FindKey(root, "articles");
  if (articles == nullptr || !articles->is_array()) return ids;
  for (const Json& article : *articles) {
    const Json* claims = article.is_object() ? FindKey(article, "claims") : nullptr;
    if (claims == nullptr || !claims->is_array()) continue;
    for (const Json& claim : *claims) {
      const Json* via = claim.is_object() ? FindKey(claim, "via") : nullptr;
      CollectIds(via, &ids.inline_sources);
    }
  }
  return ids;
}

bool IsArrayOrAbsent(const Json& root, std::string_view key) {
  const Json* value = FindKey(root, key);
  return value == nullptr || value->is_array();
}

void Fail(const std::string& file, std::string pointer, std::string message,
          std::vector<Diagnostic>* errors) {
  errors->push_back({Severity::kError, {file, std::move(pointer), 0}, std::move(message)});
}

}  // namespace

std::string_view ToString(IngestOutcome outcome) {
  switch (outcome) {
    case IngestOutcome::kNew:
      return "new";
    case IngestOutcome::kRevised:
      return "revised";
    case IngestOutcome::kUnchanged:
      return "unchanged";
  }
  return "unknown";
}

bool IngestResult::Changed() const {
  for (const IngestedArticle& article : articles) {
    if (article.outcome != IngestOutcome::kUnchanged) return true;
  }
  return false;
}

struct Database::Impl {
  Connection connection;

  std::vector<StoredOutlet> Outlets() const {
    std::vector<StoredOutlet> outlets;
    Statement select = connection.Prepare("SELECT id, name, kind FROM outlets ORDER BY pk");
    while (select.Step()) outlets.push_back({select.Text(0), select.Text(1), select.Text(2)});
    return outlets;
  }

  // (id, definition) in order of first ingestion.
  std::vector<std::pair<std::string, std::string>> Predicates() const {
    std::vector<std::pair<std::string, std::string>> predicates;
    Statement select = connection.Prepare("SELECT id, definition FROM predicates ORDER BY pk");
    while (select.Step()) predicates.emplace_back(select.Text(0), select.Text(1));
    return predicates;
  }

  // The document's text with the store's outlets and predicates that it does not declare
  // appended to its own lists: what it may refer to. Appending keeps every JSON pointer of the
  // document's own entries valid for messages.
  std::optional<std::string> WithStoreDeclarations(const Json& root, const DeclaredIds& ids) const {
    Json augmented = root;
    bool added = false;
    for (const StoredOutlet& outlet : Outlets()) {
      // An inline source naming a stored outlet refers to it, as to a declared outlet.
      if (ids.outlets.contains(outlet.id)) continue;
      Json& outlets = augmented["outlets"];
      if (outlets.is_null()) outlets = Json::array();
      outlets.push_back({{"id", outlet.id}, {"name", outlet.name}, {"kind", outlet.kind}});
      added = true;
    }
    for (const auto& [id, definition] : Predicates()) {
      if (ids.predicates.contains(id)) continue;
      Json& predicates = augmented["predicates"];
      if (predicates.is_null()) predicates = Json::array();
      predicates.push_back(Json::parse(definition));
      added = true;
    }
    if (!added) return std::nullopt;
    return augmented.dump();
  }

  // Refusals that need the store: a predicate redefined, a claim id of another article.
  void CheckAgainstStore(const Json& root, const ClaimsDocument& document,
                         const std::string& file) const {
    std::vector<Diagnostic> errors;
    const Json* predicates = FindKey(root, "predicates");
    if (predicates != nullptr) {
      Statement select = connection.Prepare("SELECT definition FROM predicates WHERE id = ?");
      for (std::size_t i = 0; i < predicates->size(); ++i) {
        const Json& predicate = (*predicates)[i];
        select.Reset();
        select.Bind(1, std::string_view(predicate.at("id").get_ref<const std::string&>()));
        if (!select.Step()) continue;
        const std::string stored = select.Text(0);
        if (stored != predicate.dump()) {
          Fail(file, "/predicates/" + std::to_string(i),
               "predicate " + input_internal::Quote(predicate.at("id").get<std::string>()) +
                   " is already in the store with another definition (" + stored +
                   "); a store keeps one definition per predicate: leave it out or declare it "
                   "the same",
               &errors);
        }
      }
    }
    Statement owner = connection.Prepare(
        "SELECT a.id FROM claims c JOIN article_revisions r ON c.revision = r.pk "
        "JOIN articles a ON a.pk = r.article WHERE c.id = ? AND a.latest_revision = r.pk");
    for (const ArticleRecord& article : document.articles) {
      for (const ClaimRecord& claim : article.claims) {
        owner.Reset();
        owner.Bind(1, std::string_view(claim.id));
        if (owner.Step() && owner.Text(0) != article.id) {
          Fail(file, claim.pointer + "/id",
               "claim id " + input_internal::Quote(claim.id) +
                   " is already in the store, in article " + input_internal::Quote(owner.Text(0)) +
                   "; claim ids are unique across the store",
               &errors);
        }
      }
    }
    if (!errors.empty()) throw InputError(std::move(errors));
  }

  void UpsertOutlet(const OutletRecord& outlet) const {
    connection
        .Prepare(
            "INSERT INTO outlets(id, name, kind) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "name = excluded.name, kind = excluded.kind")
        .Bind(1, std::string_view(outlet.id))
        .Bind(2, std::string_view(outlet.name))
        .Bind(3, std::string_view(outlet.kind))
        .Run();
  }

  IngestedArticle WriteArticle(const Json& raw, const ArticleRecord& article,
                               const std::string& now) const {
    IngestedArticle result;
    result.id = article.id;
    for (const ClaimRecord& claim : article.claims) result.claim_ids.push_back(claim.id);
    const std::string body = raw.dump();
    const std::string digest = Sha256Digest(body);

    std::int64_t article_pk = 0;
    std::int64_t latest_revision = 0;
    Statement find = connection.Prepare(
        "SELECT a.pk, r.revision, r.digest FROM articles a "
        "LEFT JOIN article_revisions r ON r.pk = a.latest_revision WHERE a.id = ?");
    find.Bind(1, std::string_view(article.id));
    if (find.Step()) {
      article_pk = find.Int(0);
      latest_revision = find.Int(1);
      if (find.Text(2) == digest) {
        result.outcome = IngestOutcome::kUnchanged;
        result.revision = static_cast<int>(latest_revision);
        return result;
      }
      result.outcome = IngestOutcome::kRevised;
    } else {
      connection.Prepare("INSERT INTO articles(id) VALUES (?)")
          .Bind(1, std::string_view(article.id))
          .Run();
      article_pk = connection.LastInsertId();
      result.outcome = IngestOutcome::kNew;
    }
    result.revision = static_cast<int>(latest_revision + 1);

    connection
        .Prepare(
            "INSERT INTO article_revisions(article, revision, digest, outlet, published, body, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .Bind(1, article_pk)
        .Bind(2, std::int64_t{result.revision})
        .Bind(3, std::string_view(digest))
        .Bind(4, std::string_view(article.outlet))
        .Bind(5, article.published ? std::optional<std::string>(article.published->ToIso())
                                   : std::nullopt)
        .Bind(6, std::string_view(body))
        .Bind(7, std::string_view(now))
        .Run();
    const std::int64_t revision_pk = connection.LastInsertId();
    connection.Prepare("UPDATE articles SET latest_revision = ? WHERE pk = ?")
        .Bind(1, revision_pk)
        .Bind(2, article_pk)
        .Run();

    Statement insert = connection.Prepare(
        "INSERT INTO claims(revision, position, id, subject, predicate, value, as_of, via, "
        "confidence, quote, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const Json& raw_claims = raw.at("claims");
    for (std::size_t j = 0; j < article.claims.size(); ++j) {
      const ClaimRecord& claim = article.claims[j];
      const Json& raw_claim = raw_claims.at(j);
      insert.Reset();
      insert.Bind(1, revision_pk)
          .Bind(2, static_cast<std::int64_t>(j))
          .Bind(3, std::string_view(claim.id))
          .Bind(4, std::string_view(claim.subject))
          .Bind(5, std::string_view(claim.predicate))
          .Bind(6, std::string_view(raw_claim.at("value").dump()))
          .Bind(7, std::string_view(claim.as_of.ToIso()))
          .Bind(8, std::string_view(Json(claim.via).dump()))
          .Bind(9, claim.confidence)
          .Bind(10, std::string_view(claim.quote))
          .Bind(11, std::string_view(raw_claim.dump()))
          .Run();
    }
    return result;
  }
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

Database Database::Open(const std::string& path, bool read_only) {
  auto impl = std::make_unique<Impl>(Impl{Connection(path, read_only, kBusyTimeoutMs)});
  const Connection& connection = impl->connection;
  if (read_only) {
    database_internal::RequireCurrentSchema(connection);
  } else {
    {
      Statement journal = connection.Prepare("PRAGMA journal_mode = WAL");
      if (!journal.Step() || journal.Text(0) != "wal") {
        throw DatabaseError(path + ": cannot switch the store to WAL mode");
      }
    }
    database_internal::MigrateSchema(connection);
  }
  return Database(std::move(impl));
}

const std::string& Database::path() const { return impl_->connection.path(); }

int Database::SchemaVersion() const {
  return database_internal::ReadSchemaVersion(impl_->connection);
}

IngestResult Database::Ingest(std::string_view text, const std::string& source_name,
                              const ReadOptions& options) {
  const std::string file = DisplayName(source_name);
  input_internal::DiagnosticSink sink(file);
  const Json root = input_internal::ParseJsonText(text, &sink);  // throws when not JSON
  const bool plain = sink.has_errors() || !root.is_object() || !IsArrayOrAbsent(root, "outlets") ||
                     !IsArrayOrAbsent(root, "predicates");

  // The write lock first: the store's declarations must not change between check and write.
  Transaction transaction(impl_->connection);
  const DeclaredIds ids = plain ? DeclaredIds{} : CollectDeclaredIds(root);
  const std::optional<std::string> augmented =
      plain ? std::nullopt : impl_->WithStoreDeclarations(root, ids);
  const ClaimsDocument document =
      ParseClaimsDocument(augmented ? std::string_view(*augmented) : text, source_name, options);
  impl_->CheckAgainstStore(root, document, file);

  IngestResult result;
  result.warnings = document.warnings;
  for (const OutletRecord& outlet : document.outlets) {
    if (ids.outlets.contains(outlet.id) || ids.inline_sources.contains(outlet.id)) {
      impl_->UpsertOutlet(outlet);
    }
  }
  const Json* predicates = FindKey(root, "predicates");
  for (std::size_t i = 0; predicates != nullptr && i < predicates->size(); ++i) {
    const PredicateRecord& predicate = document.predicates[i];
    impl_->connection
        .Prepare(
            "INSERT INTO predicates(id, value_kind, definition) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO NOTHING")
        .Bind(1, std::string_view(predicate.id))
        .Bind(2, ToString(predicate.value_kind))
        .Bind(3, std::string_view((*predicates)[i].dump()))
        .Run();
  }
  const std::string now = UtcNow();
  const Json& articles = root.at("articles");
  for (std::size_t i = 0; i < document.articles.size(); ++i) {
    result.articles.push_back(impl_->WriteArticle(articles.at(i), document.articles[i], now));
  }
  transaction.Commit();
  return result;
}

std::string Database::ExportDocument() const {
  const ReadTransaction snapshot(impl_->connection);
  std::string text = "{\"credence\":\"1\",\n\"outlets\":[";
  const char* separator = "\n";
  for (const StoredOutlet& outlet : impl_->Outlets()) {
    text += separator;
    text += Json{{"id", outlet.id}, {"name", outlet.name}, {"kind", outlet.kind}}.dump();
    separator = ",\n";
  }
  text += "],\n\"predicates\":[";
  separator = "\n";
  for (const auto& [id, definition] : impl_->Predicates()) {
    text += separator;
    text += definition;
    separator = ",\n";
  }
  text += "],\n\"articles\":[";
  separator = "\n";
  Statement bodies = impl_->connection.Prepare(
      "SELECT r.body FROM articles a JOIN article_revisions r ON r.pk = a.latest_revision "
      "ORDER BY a.pk");
  while (bodies.Step()) {
    text += separator;
    text += bodies.Text(0);
    separator = ",\n";
  }
  text += "]}\n";
  return text;
}

std::int64_t Database::RecordRun(const RunInput& run) {
  const Connection& connection = impl_->connection;
  Transaction transaction(connection);
  connection
      .Prepare(
          "INSERT INTO runs(created_at, mode, fallback_reason, options, engine_version, "
          "input_digest, num_claims, solve_seconds, scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, std::string_view(UtcNow()))
      .Bind(2, std::string_view(run.mode))
      .Bind(3, std::string_view(run.fallback_reason))
      .Bind(4, std::string_view(run.options_json))
      .Bind(5, Version())
      .Bind(6, std::string_view(run.input_digest))
      .Bind(7, run.num_claims)
      .Bind(8, run.solve_seconds)
      .Bind(9, std::string_view(run.scores_json))
      .Run();
  const std::int64_t id = connection.LastInsertId();
  Statement insert = connection.Prepare(
      "INSERT INTO run_outlets(run, outlet, reliability, interval_low, interval_high) "
      "VALUES (?, ?, ?, ?, ?)");
  for (const OutletReliability& outlet : run.outlets) {
    insert.Reset();
    insert.Bind(1, id)
        .Bind(2, std::string_view(outlet.outlet))
        .Bind(3, outlet.reliability)
        .Bind(4, outlet.interval_low)
        .Bind(5, outlet.interval_high)
        .Run();
  }
  transaction.Commit();
  return id;
}

namespace {

constexpr std::string_view kRunColumns =
    "SELECT pk, created_at, mode, fallback_reason, options, engine_version, input_digest, "
    "num_claims, solve_seconds FROM runs ";

RunRecord ReadRun(const Statement& row) {
  RunRecord run;
  run.id = row.Int(0);
  run.created_at = row.Text(1);
  run.mode = row.Text(2);
  run.fallback_reason = row.Text(3);
  run.options_json = row.Text(4);
  run.engine_version = row.Text(5);
  run.input_digest = row.Text(6);
  run.num_claims = row.Int(7);
  run.solve_seconds = row.Real(8);
  return run;
}

}  // namespace

std::optional<RunRecord> Database::LatestRun() const {
  Statement select =
      impl_->connection.Prepare(std::string(kRunColumns) + "ORDER BY pk DESC LIMIT 1");
  if (!select.Step()) return std::nullopt;
  return ReadRun(select);
}

std::optional<RunRecord> Database::FindRun(std::int64_t id) const {
  Statement select = impl_->connection.Prepare(std::string(kRunColumns) + "WHERE pk = ?");
  select.Bind(1, id);
  if (!select.Step()) return std::nullopt;
  return ReadRun(select);
}

std::optional<std::string> Database::RunScores(std::int64_t id) const {
  Statement select = impl_->connection.Prepare("SELECT scores FROM runs WHERE pk = ?");
  select.Bind(1, id);
  if (!select.Step()) return std::nullopt;
  return select.Text(0);
}

std::vector<RunRecord> Database::Runs(std::size_t limit, std::optional<std::int64_t> before) const {
  Statement select =
      impl_->connection.Prepare(std::string(kRunColumns) + "WHERE pk < ? ORDER BY pk DESC LIMIT ?");
  select.Bind(1, before.value_or(std::numeric_limits<std::int64_t>::max()))
      .Bind(2, static_cast<std::int64_t>(limit));
  std::vector<RunRecord> runs;
  while (select.Step()) runs.push_back(ReadRun(select));
  return runs;
}

std::vector<HistoryPoint> Database::OutletHistory(std::string_view outlet, std::size_t limit,
                                                  std::optional<std::int64_t> before) const {
  Statement select = impl_->connection.Prepare(
      "SELECT o.run, r.created_at, o.reliability, o.interval_low, o.interval_high "
      "FROM run_outlets o JOIN runs r ON r.pk = o.run WHERE o.outlet = ? AND o.run < ? "
      "ORDER BY o.run DESC LIMIT ?");
  select.Bind(1, outlet)
      .Bind(2, before.value_or(std::numeric_limits<std::int64_t>::max()))
      .Bind(3, static_cast<std::int64_t>(limit));
  std::vector<HistoryPoint> history;
  while (select.Step()) {
    history.push_back(
        {select.Int(0), select.Text(1), select.Real(2), select.Real(3), select.Real(4)});
  }
  return history;
}

std::optional<StoredClaim> Database::FindClaim(std::string_view id) const {
  Statement select = impl_->connection.Prepare(
      "SELECT c.id, a.id, r.revision, r.outlet, c.body, r.ingested_at FROM claims c "
      "JOIN article_revisions r ON c.revision = r.pk JOIN articles a ON a.pk = r.article "
      "WHERE c.id = ? AND a.latest_revision = r.pk");
  select.Bind(1, id);
  if (!select.Step()) return std::nullopt;
  return StoredClaim{select.Text(0), select.Text(1), static_cast<int>(select.Int(2)),
                     select.Text(3), select.Text(4), select.Text(5)};
}

std::vector<std::string> Database::ArticleRevisions(std::string_view id) const {
  Statement select = impl_->connection.Prepare(
      "SELECT r.body FROM article_revisions r JOIN articles a ON a.pk = r.article "
      "WHERE a.id = ? ORDER BY r.revision");
  select.Bind(1, id);
  std::vector<std::string> revisions;
  while (select.Step()) revisions.push_back(select.Text(0));
  return revisions;
}

StoreStats Database::Stats() const {
  const Connection& connection = impl_->connection;
  const ReadTransaction snapshot(connection);
  StoreStats stats;
  stats.outlets = connection.QueryInt("SELECT count(*) FROM outlets");
  stats.predicates = connection.QueryInt("SELECT count(*) FROM predicates");
  stats.articles = connection.QueryInt("SELECT count(*) FROM articles");
  stats.revisions = connection.QueryInt("SELECT count(*) FROM article_revisions");
  stats.claims = connection.QueryInt(
      "SELECT count(*) FROM claims c JOIN articles a ON a.latest_revision = c.revision");
  stats.runs = connection.QueryInt("SELECT count(*) FROM runs");
  stats.file_bytes =
      connection.QueryInt("PRAGMA page_count") * connection.QueryInt("PRAGMA page_size");
  return stats;
}

}  // namespace credence

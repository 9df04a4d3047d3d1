#include "database/schema.h"

#include <string>
#include <string_view>

#include "credence/database.h"
#include "database/sqlite.h"

namespace credence::database_internal {
namespace {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// Append only: a released migration is never edited, a change of schema is a new entry.
constexpr Migration kMigrations[] = {
    {1, "outlets, predicates, articles with revisions, claims, runs",
     R"sql(
CREATE TABLE schema_migrations(
  version INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
CREATE TABLE outlets(
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL);
CREATE TABLE predicates(
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  value_kind TEXT NOT NULL,
  definition TEXT NOT NULL);
CREATE TABLE articles(
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  latest_revision INTEGER REFERENCES article_revisions(pk));
CREATE TABLE article_revisions(
  pk INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(pk),
  revision INTEGER NOT NULL,
  digest TEXT NOT NULL,
  outlet TEXT NOT NULL,
  published TEXT,
  body TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  UNIQUE(article, revision));
CREATE TABLE claims(
  pk INTEGER PRIMARY KEY,
  revision INTEGER NOT NULL REFERENCES article_revisions(pk),
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  value TEXT NOT NULL,
  as_of TEXT NOT NULL,
  via TEXT NOT NULL,
  confidence REAL NOT NULL,
  quote TEXT NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX claims_by_id ON claims(id);
CREATE INDEX claims_by_revision ON claims(revision);
CREATE INDEX claims_by_proposition ON claims(subject, predicate);
CREATE TABLE runs(
  pk INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  mode TEXT NOT NULL,
  fallback_reason TEXT NOT NULL,
  options TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  input_digest TEXT NOT NULL,
  num_claims INTEGER NOT NULL,
  solve_seconds REAL NOT NULL,
  scores TEXT NOT NULL);
CREATE TABLE run_outlets(
  run INTEGER NOT NULL REFERENCES runs(pk),
  outlet TEXT NOT NULL,
  reliability REAL NOT NULL,
  interval_low REAL NOT NULL,
  interval_high REAL NOT NULL,
  PRIMARY KEY(outlet, run)) WITHOUT ROWID;
)sql"},
};

constexpr int kLatestVersion = kMigrations[std::size(kMigrations) - 1].version;
static_assert(kLatestVersion == Database::kSchemaVersion);

std::string Newer(const Connection& connection, int version) {
  return connection.path() + ": the store has schema version " + std::to_string(version) +
         ", newer than this credence understands (" + std::to_string(kLatestVersion) +
         "): use a newer credence";
}

}  // namespace

int ReadSchemaVersion(const Connection& connection) {
  return static_cast<int>(connection.QueryInt("PRAGMA user_version"));
}

void RequireCurrentSchema(const Connection& connection) {
  const int version = ReadSchemaVersion(connection);
  if (version > kLatestVersion) throw DatabaseError(Newer(connection, version));
  if (version < kLatestVersion) {
    throw DatabaseError(connection.path() + ": the store has schema version " +
                        std::to_string(version) + " and must be migrated to " +
                        std::to_string(kLatestVersion) + " (open it once for writing)");
  }
}

void MigrateSchema(const Connection& connection) {
  Transaction transaction(connection);
  const int version = ReadSchemaVersion(connection);
  if (version > kLatestVersion) throw DatabaseError(Newer(connection, version));
  if (version == 0 && connection.QueryInt("SELECT count(*) FROM sqlite_schema") > 0) {
    throw DatabaseError(connection.path() +
                        ": not a credence store (it holds tables but no credence schema version)");
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version <= version) continue;
    connection.Execute(migration.sql);
    connection.Prepare("INSERT INTO schema_migrations(version, description) VALUES (?, ?)")
        .Bind(1, std::int64_t{migration.version})
        .Bind(2, migration.description)
        .Run();
    connection.Execute("PRAGMA user_version = " + std::to_string(migration.version));
  }
  transaction.Commit();
}

}  // namespace credence::database_internal

// The store's schema and its migrations. PRAGMA user_version holds the schema version; the
// schema_migrations table records when each migration ran. A migration runs in the transaction
// that sets the new version, so that a store is always at one version or the next.
#ifndef CREDENCE_DATABASE_SCHEMA_H_
#define CREDENCE_DATABASE_SCHEMA_H_

#include "database/sqlite.h"

namespace credence::database_internal {

// Brings the store up to Database::kSchemaVersion. Throws DatabaseError for a newer schema or
// a file that holds tables but no credence version.
void MigrateSchema(const Connection& connection);
// Throws DatabaseError unless the store is at the current version (read-only opens).
void RequireCurrentSchema(const Connection& connection);
int ReadSchemaVersion(const Connection& connection);

}  // namespace credence::database_internal

#endif  // CREDENCE_DATABASE_SCHEMA_H_

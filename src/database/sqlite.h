// A thin RAII layer over the SQLite C API: a connection, prepared statements with typed binds
// and columns, and transactions that roll back unless committed. Every failure throws
// DatabaseError with SQLite's message and the statement it came from.
#ifndef CREDENCE_DATABASE_SQLITE_H_
#define CREDENCE_DATABASE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace credence::database_internal {

class Connection;

class Statement {
 public:
  Statement(const Connection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;

  // Binds by 1-based position; returns *this so that binds chain.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindNull(int index);
  Statement& Bind(int index, const std::optional<std::string>& text);

  // Advances to the next row: true while there is one.
  bool Step();
  // Runs a statement that returns no row.
  void Run();
  // Clears the bindings and rewinds, for reuse.
  void Reset();

  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  std::optional<std::string> OptionalText(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

class Connection {
 public:
  // Opens (read-write, creating the file) or, with read_only, opens an existing file for
  // reading. Foreign keys on; waits up to busy_timeout_ms for a lock.
  Connection(const std::string& path, bool read_only, int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&&) = delete;

  // Runs one or more statements that return no row.
  void Execute(std::string_view sql) const;
  Statement Prepare(std::string_view sql) const { return {*this, sql}; }
  std::int64_t LastInsertId() const;
  std::int64_t QueryInt(std::string_view sql) const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE (the write lock at once, so that two writers never deadlock on upgrade), and
// ROLLBACK on destruction unless Commit() ran.
class Transaction {
 public:
  explicit Transaction(const Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  const Connection& connection_;
  bool open_ = true;
};

// A read transaction: every query inside it sees one snapshot of the store.
class ReadTransaction {
 public:
  explicit ReadTransaction(const Connection& connection);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  const Connection& connection_;
};

}  // namespace credence::database_internal

#endif  // CREDENCE_DATABASE_SQLITE_H_

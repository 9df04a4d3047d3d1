// A server killed with SIGKILL in the middle of a stream of ingests: after a restart every
// acknowledged article is in the store, and nothing else is but, at most, the one article whose
// answer the kill cut off (committed, but never acknowledged).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "credence/database.h"
#include "credence/service.h"

namespace credence {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string Article(int i) {
  const std::string id = "a" + std::to_string(i);
  Json document = {
      {"outlets", Json::array({{{"id", "wire"}}})},
      {"predicates", Json::array({{{"id", "count"}, {"value_kind", "quantity"}}})},
      {"articles",
       Json::array({{{"id", id},
                     {"outlet", "wire"},
                     {"published", "2024-01-01"},
                     {"claims", Json::array({{{"id", id + "/c1"},
                                              {"subject", "item " + std::to_string(i % 7)},
                                              {"predicate", "count"},
                                              {"value", i}}})}}})}};
  return document.dump();
}

// Starts `credence serve` on a free port; returns its pid and port.
std::pair<pid_t, int> StartServer(const std::string& db) {
  int pipe_fds[2];
  EXPECT_EQ(::pipe(pipe_fds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::execl(CREDENCE_BINARY, CREDENCE_BINARY, "serve", "--db", db.c_str(), "--port", "0",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  std::string line;
  char c = 0;
  while (::read(pipe_fds[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(pipe_fds[0]);
  const std::size_t colon = line.rfind(':');
  const std::size_t space = line.find(' ', colon);
  if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
    ADD_FAILURE() << "the server did not start: " << line;
    return {pid, 0};
  }
  return {pid, std::stoi(line.substr(colon + 1, space - colon - 1))};
}

TEST(ServiceKillTest, EveryAcknowledgedArticleSurvivesSigkillAndNothingElse) {
  const fs::path directory =
      fs::temp_directory_path() / ("credence-kill-" + std::to_string(::getpid()));
  fs::remove_all(directory);
  fs::create_directories(directory);
  const std::string db = (directory / "store.db").string();

  const auto [pid, port] = StartServer(db);
  ASSERT_GT(port, 0);
  std::set<std::string> acknowledged;
  std::optional<std::string> in_flight;
  std::thread killer([pid = pid] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    ::kill(pid, SIGKILL);
  });
  httplib::Client client("127.0.0.1", port);
  for (int i = 0; i < 100000; ++i) {
    in_flight = "a" + std::to_string(i);
    const httplib::Result result = client.Post("/v1/articles", Article(i), "application/json");
    if (!result) break;  // the server is gone
    ASSERT_EQ(result->status, 201) << result->body;
    acknowledged.insert(*in_flight);
  }
  killer.join();
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_GT(acknowledged.size(), 0U) << "the kill came before any ingest";

  // A restart recovers the store (SQLite replays its write-ahead log).
  {
    ServiceOptions options;
    options.db_path = db;
    options.port = 0;
    const Service restarted(options);
  }
  const Database database = Database::Open(db, /*read_only=*/true);
  std::set<std::string> stored;
  const Json exported = Json::parse(database.ExportDocument());
  for (const Json& article : exported["articles"]) {
    stored.insert(article["id"].get<std::string>());
  }
  for (const std::string& id : acknowledged) EXPECT_TRUE(stored.contains(id)) << id;
  for (const std::string& id : stored) {
    EXPECT_TRUE(acknowledged.contains(id) || id == in_flight) << id << " was never sent";
  }
  EXPECT_LE(stored.size(), acknowledged.size() + 1);
  if (!::testing::Test::HasFailure()) fs::remove_all(directory);
}

}  // namespace
}  // namespace credence

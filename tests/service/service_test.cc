// The service through a real server on a loopback port, started and stopped by each test, and
// called with cpp-httplib's client. Every response the tests see is checked against the shipped
// OpenAPI description (docs/openapi.json).
#include "credence/service.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "credence/database.h"

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

const Json& OpenApi() {
  static const Json document =
      Json::parse(ReadFile(fs::path(CREDENCE_SOURCE_DIR) / "docs" / "openapi.json"));
  return document;
}

// A small validator for the parts of JSON Schema the description uses: $ref, allOf, nullable,
// type, required, properties, items, enum.
void CheckSchema(const Json& schema, const Json& value, const std::string& where,
                 std::vector<std::string>* errors) {
  if (schema.contains("$ref")) {
    const std::string name =
        schema["$ref"].get<std::string>().substr(std::string("#/components/schemas/").size());
    CheckSchema(OpenApi()["components"]["schemas"].at(name), value, where, errors);
    return;
  }
  if (value.is_null() && schema.value("nullable", false)) return;
  if (schema.contains("allOf")) {
    for (const Json& part : schema["allOf"]) CheckSchema(part, value, where, errors);
  }
  if (schema.contains("type")) {
    const std::string type = schema["type"];
    const bool ok =
        (type == "object" && value.is_object()) || (type == "array" && value.is_array()) ||
        (type == "string" && value.is_string()) ||
        (type == "integer" && value.is_number_integer()) ||
        (type == "number" && value.is_number()) || (type == "boolean" && value.is_boolean());
    if (!ok) {
      errors->push_back(where + ": expected " + type + ", got " + value.dump().substr(0, 80));
      return;
    }
  }
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    errors->push_back(where + ": " + value.dump() + " is not in the enum");
  }
  if (value.is_object()) {
    if (schema.contains("required")) {
      for (const Json& key : schema["required"]) {
        if (!value.contains(key.get<std::string>())) {
          errors->push_back(where + ": missing required key " + key.dump());
        }
      }
    }
    if (schema.contains("properties")) {
      for (const auto& [key, property] : schema["properties"].items()) {
        if (value.contains(key)) CheckSchema(property, value[key], where + "/" + key, errors);
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      CheckSchema(schema["items"], value[i], where + "/" + std::to_string(i), errors);
    }
  }
}

// Checks a response against the description of `method` on the path template `path`.
void ExpectDescribed(const std::string& method, const std::string& path,
                     const httplib::Result& result) {
  ASSERT_TRUE(result) << method << " " << path << ": no response";
  const Json& operation = OpenApi()["paths"].at(path).at(method);
  const std::string status = std::to_string(result->status);
  ASSERT_TRUE(operation["responses"].contains(status))
      << method << " " << path << " answered " << status << ", which is not described";
  const Json& described = operation["responses"][status];
  if (!described.contains("content")) return;
  const std::string type = result->get_header_value("Content-Type");
  const std::string base = type.substr(0, type.find(';'));
  ASSERT_TRUE(described["content"].contains(base))
      << method << " " << path << " " << status << " answered as " << type;
  const Json& schema = described["content"][base]["schema"];
  if (base.find("json") == std::string::npos) return;
  std::vector<std::string> errors;
  CheckSchema(schema, Json::parse(result->body), method + " " + path + " " + status, &errors);
  EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
}

std::string Fixture(const std::string& name) {
  return ReadFile(fs::path(CREDENCE_SOURCE_DIR) / "fixtures" / name / "claims.json");
}

// The fixture's articles one document each (all of its declarations in the first, none in the
// others), in publication order, undated last.
std::vector<std::string> ArticlesInPublicationOrder(const std::string& name) {
  const Json root = Json::parse(Fixture(name));
  std::vector<Json> articles(root["articles"].begin(), root["articles"].end());
  std::stable_sort(articles.begin(), articles.end(), [](const Json& a, const Json& b) {
    return a.value("published", "9999") < b.value("published", "9999");
  });
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    Json part = i == 0 ? root : Json::object();
    part["articles"] = Json::array({articles[i]});
    parts.push_back(part.dump());
  }
  return parts;
}

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("credence-service-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override {
    StopServer();
    fs::remove_all(directory_);
  }

  std::string DbPath() const { return (directory_ / "store.db").string(); }

  void StartServer(ServiceOptions options = {}) {
    options.db_path = DbPath();
    options.port = 0;
    service_ = std::make_unique<Service>(std::move(options));
    service_->Bind();
    thread_ = std::thread([this] { service_->Listen(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", service_->port());
  }
  void StopServer() {
    if (!service_) return;
    service_->Stop();
    thread_.join();
    client_.reset();
    service_.reset();
  }

  httplib::Result Post(const std::string& body, const httplib::Headers& headers = {}) {
    httplib::Result result = client_->Post("/v1/articles", headers, body, "application/json");
    ExpectDescribed("post", "/v1/articles", result);
    return result;
  }
  httplib::Result Get(const std::string& path, const std::string& described,
                      const httplib::Headers& headers = {}) {
    httplib::Result result = client_->Get(path.c_str(), headers);
    ExpectDescribed("get", described, result);
    return result;
  }
  Json GetJson(const std::string& path, const std::string& described) {
    const httplib::Result result = Get(path, described);
    EXPECT_EQ(result->status, 200) << path << ": " << result->body;
    return Json::parse(result->body);
  }

  fs::path directory_;
  std::unique_ptr<Service> service_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServiceTest, TheSeedStoryPostedArticleByArticleShowsTheSupersessionAppear) {
  StartServer();
  EXPECT_EQ(Get("/v1/scores", "/v1/scores")->status, 404);  // nothing scored yet
  const std::vector<std::string> parts = ArticlesInPublicationOrder("syria-coalition");
  ASSERT_EQ(parts.size(), 5U);
  const std::string membership =
      "/v1/propositions?subject=Syria&predicate=member_of:global-coalition-against-isis";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const httplib::Result posted = Post(parts[i]);
    ASSERT_EQ(posted->status, 201) << posted->body;
    const Json body = Json::parse(posted->body);
    EXPECT_EQ(body["run"]["id"], static_cast<int>(i + 1));
    EXPECT_EQ(body["run"]["mode"], "full");
    EXPECT_FALSE(body["run"]["fallback_reason"].get<std::string>().empty());
    // Each new claim is there for the next read.
    for (const Json& id : body["new_claims"]) {
      const Json claim = GetJson("/v1/claims/" + id.get<std::string>(), "/v1/claims/{id}");
      EXPECT_EQ(claim["id"], id);
      EXPECT_EQ(claim["record"]["revision"], 1);
    }
    const std::size_t supersessions =
        GetJson("/v1/supersessions", "/v1/supersessions")["supersessions"].size();
    // Publication order: 2015, 2025-04, 2025-04-15, 2025-11, undated. Syria's membership is
    // first reported true in November (the fourth article): then the April reports are
    // overtaken.
    EXPECT_EQ(supersessions, i >= 3 ? 1U : 0U) << "after article " << i;
    if (i == 2) {
      const Json timeline = GetJson(membership, "/v1/propositions")["propositions"][0]["timeline"];
      ASSERT_EQ(timeline.size(), 1U);
      EXPECT_EQ(timeline[0]["value"], false);
    }
  }
  const Json events = GetJson("/v1/supersessions?since=2025-11-01", "/v1/supersessions");
  ASSERT_EQ(events["supersessions"].size(), 1U);
  EXPECT_EQ(events["supersessions"][0]["at"], "2025-11-10");
  EXPECT_EQ(events["supersessions"][0]["kind"], "world_change");
  EXPECT_TRUE(
      GetJson("/v1/supersessions?since=2025-11-11", "/v1/supersessions")["supersessions"].empty());
  // ?at=: the membership was false in June 2025 and true in December.
  EXPECT_EQ(GetJson(membership + "&at=2025-06-01",
                    "/v1/propositions")["propositions"][0]["value_at"]["value"],
            false);
  EXPECT_EQ(GetJson(membership + "&at=2025-12-01",
                    "/v1/propositions")["propositions"][0]["value_at"]["value"],
            true);
  // The outlet's history has one point per run.
  const Json outlet = GetJson("/v1/outlets/north-press", "/v1/outlets/{id}");
  EXPECT_EQ(outlet["history"].size(), 5U);
  EXPECT_EQ(outlet["history"][0]["run"], 5);
  EXPECT_EQ(outlet["history"][0]["reliability"], outlet["reliability"]);
  EXPECT_EQ(GetJson("/v1/runs", "/v1/runs")["runs"].size(), 5U);
  EXPECT_EQ(GetJson("/v1/runs/2", "/v1/runs/{id}")["id"], 2);
  EXPECT_EQ(Get("/v1/runs/99", "/v1/runs/{id}")->status, 404);
}

TEST_F(ServiceTest, ReplayAndCounterfactualRescoreTheStore) {
  StartServer();
  ASSERT_EQ(Post(Fixture("syria-coalition"))->status, 201);
  // As of May 2025 only the 2015 and April 2025 articles were published: 4 + 5 + 5 claims.
  const Json then = GetJson("/v1/scores?as_of=2025-05-01", "/v1/scores");
  EXPECT_EQ(then["claims"].size(), 14U);
  EXPECT_TRUE(then["supersessions"].empty());
  const Json without = GetJson("/v1/scores?exclude_outlet=epoch-times", "/v1/scores");
  for (const Json& claim : without["claims"]) EXPECT_NE(claim["outlet"], "epoch-times");
  for (const Json& outlet : without["outlets"]) EXPECT_NE(outlet["id"], "epoch-times");
  EXPECT_EQ(without["claims"].size(), 30U - 7U);  // epoch-times published 7 claims
  EXPECT_EQ(Get("/v1/scores?exclude_outlet=nobody", "/v1/scores")->status, 404);
  EXPECT_EQ(Get("/v1/scores?as_of=2025-13-01", "/v1/scores")->status, 400);
}

TEST_F(ServiceTest, BadRequestsGetProblemDetails) {
  ServiceOptions options;
  options.max_body_bytes = 4096;
  StartServer(options);
  ASSERT_EQ(Post(Fixture("stale-outlet").substr(0, 0) + R"({"outlets": [{"id": "wire"}],
    "predicates": [{"id": "elected", "value_kind": "boolean"}], "articles": []})")
                ->status,
            200);  // declarations only: nothing to score, no run

  const httplib::Result invalid = Post(R"({"articles": [{"id": "a1", "outlet": "wire",
    "claims": [{"id": "c1", "subject": "Ann", "predicate": "elected", "value": "yes"}]}]})");
  EXPECT_EQ(invalid->status, 422);
  EXPECT_EQ(invalid->get_header_value("Content-Type"), "application/problem+json");
  const Json problem = Json::parse(invalid->body);
  ASSERT_EQ(problem["errors"].size(), 1U);
  EXPECT_EQ(problem["errors"][0]["pointer"], "/articles/0/claims/0/value");

  const httplib::Result malformed = Post("{\"articles\": [");
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(Json::parse(malformed->body)["errors"][0]["line"], 1);

  const httplib::Result wrong_type = client_->Post("/v1/articles", std::string("{}"), "text/plain");
  ExpectDescribed("post", "/v1/articles", wrong_type);
  EXPECT_EQ(wrong_type->status, 415);

  const httplib::Result too_large = Post(std::string(5000, ' ') + "{}");
  EXPECT_EQ(too_large->status, 413);

  EXPECT_EQ(Get("/v1/outlets/nobody", "/v1/outlets/{id}")->status, 404);  // no run yet
  ASSERT_EQ(Post(R"({"articles": [{"id": "a1", "outlet": "wire", "claims": [
      {"id": "c1", "subject": "Ann", "predicate": "elected", "value": true}]}]})")
                ->status,
            201);
  const httplib::Result unknown_outlet = Get("/v1/outlets/nobody", "/v1/outlets/{id}");
  EXPECT_EQ(unknown_outlet->status, 404);
  EXPECT_EQ(Json::parse(unknown_outlet->body)["detail"], "no outlet \"nobody\" in the store");
  EXPECT_EQ(Get("/v1/claims/c2", "/v1/claims/{id}")->status, 404);
  EXPECT_EQ(Get("/v1/outlets?limit=0", "/v1/outlets")->status, 400);
  EXPECT_EQ(Get("/v1/outlets?limit=abc", "/v1/outlets")->status, 400);
  EXPECT_EQ(Get("/v1/outlets?cursor=999", "/v1/outlets")->status, 400);
  EXPECT_EQ(Get("/v1/supersessions?since=yesterday", "/v1/supersessions")->status, 400);

  const httplib::Result nowhere = client_->Get("/v1/nowhere");
  ASSERT_TRUE(nowhere);
  EXPECT_EQ(nowhere->status, 404);
  EXPECT_EQ(Json::parse(nowhere->body)["status"], 404);
  // No request names a file: a path that would climb out is only an unknown resource.
  EXPECT_EQ(client_->Get("/../../etc/passwd")->status, 404);
}

TEST_F(ServiceTest, TheSameArticleAgainIsAcknowledgedWithoutARun) {
  StartServer();
  const std::string text = Fixture("sweden-nato");
  ASSERT_EQ(Post(text)->status, 201);
  const httplib::Result again = Post(text);
  EXPECT_EQ(again->status, 200);
  const Json body = Json::parse(again->body);
  EXPECT_TRUE(body["run"].is_null());
  EXPECT_TRUE(body["new_claims"].empty());
  for (const Json& article : body["articles"]) EXPECT_EQ(article["outcome"], "unchanged");
  EXPECT_EQ(GetJson("/v1/runs", "/v1/runs")["runs"].size(), 1U);
}

TEST_F(ServiceTest, TokensGuardWritesAndOptionallyReads) {
  ServiceOptions options;
  options.write_token = "write-secret";
  options.read_token = "read-secret";
  StartServer(options);
  const std::string text = Fixture("stale-outlet");
  const httplib::Result anonymous = Post(text);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(anonymous->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(Post(text, {{"Authorization", "Bearer read-secret"}})->status, 401);
  EXPECT_EQ(Post(text, {{"Authorization", "Bearer write-secret"}})->status, 201);
  EXPECT_EQ(Get("/v1/outlets", "/v1/outlets")->status, 401);
  EXPECT_EQ(Get("/v1/outlets", "/v1/outlets", {{"Authorization", "Bearer read-secret"}})->status,
            200);
  EXPECT_EQ(Get("/healthz", "/healthz")->status, 200);  // liveness stays open
  // Open writes are allowed on loopback only.
  ServiceOptions exposed;
  exposed.db_path = (directory_ / "other.db").string();
  exposed.host = "0.0.0.0";
  EXPECT_THROW(Service{exposed}, std::invalid_argument);
}

TEST_F(ServiceTest, PagesAndETags) {
  StartServer();
  ASSERT_EQ(Post(Fixture("syria-coalition"))->status, 201);
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    const Json page =
        GetJson("/v1/outlets?limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor), "/v1/outlets");
    EXPECT_EQ(page["total"], 15);
    for (const Json& outlet : page["outlets"]) seen.insert(outlet["id"]);
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 4);  // 4 + 4 + 4 + 3
  EXPECT_EQ(seen.size(), 15U);

  const httplib::Result first = Get("/v1/outlets/reuters", "/v1/outlets/{id}");
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  const httplib::Result cached =
      Get("/v1/outlets/reuters", "/v1/outlets/{id}", {{"If-None-Match", etag}});
  EXPECT_EQ(cached->status, 304);
  EXPECT_TRUE(cached->body.empty());
  // A new run is a new ETag.
  ASSERT_EQ(Post(Fixture("sweden-nato"))->status, 201);
  EXPECT_EQ(Get("/v1/outlets/reuters", "/v1/outlets/{id}", {{"If-None-Match", etag}})->status, 200);
}

std::string RunCommand(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    output.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return output;
}

Json WithoutInputAndTimings(const std::string& text) {
  Json scores = Json::parse(text);
  scores["engine"].erase("input");
  scores["summary"].erase("timings");
  return scores;
}

TEST_F(ServiceTest, AFullRefitEqualsCredenceScoreOnTheExportedDocument) {
  StartServer();
  for (const std::string& part : ArticlesInPublicationOrder("syria-coalition")) {
    ASSERT_EQ(Post(part)->status, 201);
  }
  ASSERT_EQ(Post(Fixture("sweden-nato"))->status, 201);
  const httplib::Result served = Get("/v1/scores", "/v1/scores");
  const std::string exported = (directory_ / "export.json").string();
  const std::string binary = CREDENCE_BINARY;
  RunCommand(binary + " export --db " + DbPath() + " -o " + exported + " 2>/dev/null");
  const std::string scored = RunCommand(binary + " score " + exported + " 2>/dev/null");
  // Byte for byte apart from the input's name and the timings: compare the texts with those two
  // lines taken out.
  const auto strip = [](const std::string& text) {
    std::istringstream lines(text);
    std::string kept;
    bool in_timings = false;
    for (std::string line; std::getline(lines, line);) {
      if (line.find("\"input\":") != std::string::npos) continue;
      if (line.find("\"timings\":") != std::string::npos) in_timings = true;
      if (!in_timings) kept += line + "\n";
      if (in_timings && line.find('}') != std::string::npos) in_timings = false;
    }
    return kept;
  };
  EXPECT_EQ(strip(served->body), strip(scored));
  EXPECT_EQ(WithoutInputAndTimings(served->body), WithoutInputAndTimings(scored));
}

TEST_F(ServiceTest, ARestartReusesTheLatestRunAndKeepsEverything) {
  StartServer();
  ASSERT_EQ(Post(Fixture("syria-coalition"))->status, 201);
  const std::string before = Get("/v1/scores", "/v1/scores")->body;
  StopServer();
  StartServer();
  EXPECT_EQ(Get("/v1/scores", "/v1/scores")->body, before);
  EXPECT_EQ(GetJson("/v1/runs", "/v1/runs")["runs"].size(), 1U);  // no refit was needed
  const Json health = GetJson("/healthz", "/healthz");
  EXPECT_EQ(health["run"], 1);
}

TEST_F(ServiceTest, ReadersAreAnsweredWhileArticlesArePosted) {
  StartServer();
  const std::vector<std::string> parts = ArticlesInPublicationOrder("syria-coalition");
  ASSERT_EQ(Post(parts[0])->status, 201);
  std::atomic<bool> posting{true};
  std::atomic<int> failures{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      httplib::Client client("127.0.0.1", service_->port());
      while (posting || reads < 40) {
        const httplib::Result result = client.Get("/v1/outlets/trt-world");
        if (!result || result->status != 200) ++failures;
        ++reads;
      }
    });
  }
  for (std::size_t i = 1; i < parts.size(); ++i) EXPECT_EQ(Post(parts[i])->status, 201);
  posting = false;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_GT(reads, 0);
}

TEST_F(ServiceTest, MetricsReportRequestsAndTheStore) {
  StartServer();
  ASSERT_EQ(Post(Fixture("stale-outlet"))->status, 201);
  Get("/v1/outlets", "/v1/outlets");
  const httplib::Result metrics = Get("/metrics", "/metrics");
  ASSERT_EQ(metrics->status, 200);
  EXPECT_NE(
      metrics->body.find("credence_http_requests_total{route=\"/v1/articles\",status=\"201\"} 1"),
      std::string::npos)
      << metrics->body;
  EXPECT_NE(
      metrics->body.find("credence_http_request_duration_seconds_count{route=\"/v1/outlets\"} 1"),
      std::string::npos);
  const Database database = Database::Open(DbPath(), true);
  EXPECT_NE(metrics->body.find("credence_store_claims " + std::to_string(database.Stats().claims)),
            std::string::npos);
  const httplib::Result openapi = Get("/v1/openapi.json", "/v1/openapi.json");
  EXPECT_EQ(Json::parse(openapi->body), OpenApi());
  const httplib::Result page = Get("/", "/");
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<!DOCTYPE html>"), std::string::npos);
}

}  // namespace
}  // namespace credence

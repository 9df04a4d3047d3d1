// The HTTP API (cpp-httplib): routes, authentication, problem details (RFC 9457), pagination,
// ETags and metrics. One writer connection behind a mutex does every ingest and refit; reads
// answer from the latest run's snapshot and from a pool of read-only WAL connections.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "credence/database.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/service.h"
#include "credence/value.h"
#include "service/metrics.h"
#include "service/snapshot.h"

namespace credence {

namespace service_internal {
std::string_view OpenApiDocument();  // docs/openapi.json, compiled in (generated/openapi.cc)
}  // namespace service_internal

namespace {

using Json = nlohmann::json;
using service_internal::Metrics;
using service_internal::Snapshot;

constexpr std::size_t kDefaultLimit = 100;
constexpr std::size_t kMaxLimit = 1000;
constexpr const char* kJson = "application/json";
constexpr const char* kProblemJson = "application/problem+json";
// Why no run is incremental yet: said in every run record and every write response.
constexpr const char* kFullRefitReason =
    "incremental updates are not implemented yet: every change refits the whole store";

// A request that cannot be answered; turned into problem details by the route wrapper.
struct Problem {
  int status = 400;
  std::string title;
  std::string detail;
  Json errors = nullptr;  // [{"pointer", "detail"}] for an invalid document
};

void WriteProblem(httplib::Response& response, const Problem& problem) {
  Json body = {{"type", "about:blank"},
               {"title", problem.title},
               {"status", problem.status},
               {"detail", problem.detail}};
  if (!problem.errors.is_null()) body["errors"] = problem.errors;
  response.status = problem.status;
  response.set_content(body.dump(2) + "\n", kProblemJson);
}

std::string_view StatusTitle(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Error";
  }
}

Json RunJson(const RunRecord& run) {
  return {{"id", run.id},
          {"created_at", run.created_at},
          {"mode", run.mode},
          {"incremental", run.mode == "incremental"},
          {"fallback_reason", run.fallback_reason},
          {"engine_version", run.engine_version},
          {"input_digest", run.input_digest},
          {"claims", run.num_claims},
          {"solve_seconds", run.solve_seconds},
          {"options", Json::parse(run.options_json.empty() ? "{}" : run.options_json)}};
}

std::optional<std::string> Param(const httplib::Request& request, const char* name) {
  if (!request.has_param(name)) return std::nullopt;
  return request.get_param_value(name);
}

std::size_t ParseCount(const std::string& text, const char* parameter, std::size_t max) {
  std::size_t value = 0;
  bool ok = !text.empty() && text.size() <= 18;
  for (const char c : text) {
    if (c < '0' || c > '9') ok = false;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (!ok || value > max) {
    throw Problem{400, "Bad Request",
                  std::string("query parameter ") + parameter +
                      " must be a whole number from 0 to " + std::to_string(max) + ", got \"" +
                      text + "\""};
  }
  return value;
}

std::size_t Limit(const httplib::Request& request) {
  const std::optional<std::string> text = Param(request, "limit");
  if (!text) return kDefaultLimit;
  const std::size_t limit = ParseCount(*text, "limit", kMaxLimit);
  if (limit == 0) throw Problem{400, "Bad Request", "query parameter limit must be at least 1"};
  return limit;
}

std::int32_t ParseDay(const std::string& text, const char* parameter, bool last) {
  std::string error;
  const std::optional<Date> date = ParseIsoDate(text, &error);
  if (!date) {
    throw Problem{400, "Bad Request",
                  std::string("query parameter ") + parameter + ": expected " + error};
  }
  return last ? date->LastDay() : date->FirstDay();
}

// One page of `items` from the offset the cursor names.
Json Page(const std::vector<const Json*>& items, const httplib::Request& request, const char* key) {
  const std::size_t limit = Limit(request);
  const std::optional<std::string> cursor = Param(request, "cursor");
  const std::size_t offset = cursor ? ParseCount(*cursor, "cursor", items.size()) : std::size_t{0};
  Json page = Json::array();
  for (std::size_t i = offset; i < items.size() && i < offset + limit; ++i) {
    page.push_back(*items[i]);
  }
  const std::size_t next = offset + limit;
  return {{key, std::move(page)},
          {"total", items.size()},
          {"next_cursor", next < items.size() ? Json(std::to_string(next)) : Json(nullptr)}};
}

bool TokenMatches(const std::string& header, const std::string& token) {
  const std::string expected = "Bearer " + token;
  if (header.size() != expected.size()) return false;
  unsigned char difference = 0;  // the same time whatever the first wrong byte
  for (std::size_t i = 0; i < header.size(); ++i) {
    difference |= static_cast<unsigned char>(header[i] ^ expected[i]);
  }
  return difference == 0;
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

struct Service::Impl {
  ServiceOptions options;
  Database writer;
  std::mutex writer_mutex;  // one writer: ingest and refit
  std::mutex readers_mutex;
  std::vector<std::unique_ptr<Database>> readers;  // idle read connections
  mutable std::mutex snapshot_mutex;
  std::shared_ptr<const Snapshot> snapshot;  // null until the store has a run
  Metrics metrics;
  httplib::Server server;
  int bound_port = 0;

  explicit Impl(ServiceOptions service_options)
      : options(std::move(service_options)), writer(Database::Open(options.db_path)) {}

  // A read connection for the length of one request.
  class Reader {
   public:
    explicit Reader(Impl& impl) : impl_(impl) {
      {
        const std::lock_guard<std::mutex> lock(impl_.readers_mutex);
        if (!impl_.readers.empty()) {
          database_ = std::move(impl_.readers.back());
          impl_.readers.pop_back();
        }
      }
      if (!database_) {
        database_ = std::make_unique<Database>(Database::Open(impl_.options.db_path, true));
      }
    }
    ~Reader() {
      const std::lock_guard<std::mutex> lock(impl_.readers_mutex);
      impl_.readers.push_back(std::move(database_));
    }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;
    const Database& operator*() const { return *database_; }
    const Database* operator->() const { return database_.get(); }

   private:
    Impl& impl_;
    std::unique_ptr<Database> database_;
  };

  std::shared_ptr<const Snapshot> Current() const {
    const std::lock_guard<std::mutex> lock(snapshot_mutex);
    return snapshot;
  }

  std::shared_ptr<const Snapshot> RequireSnapshot() const {
    std::shared_ptr<const Snapshot> current = Current();
    if (!current) {
      throw Problem{404, "Not Found",
                    "the store holds no scored claims yet: POST /v1/articles first"};
    }
    return current;
  }

  // Refits under the writer lock and publishes the new snapshot.
  RunRecord Refit(const std::string& fallback_reason) {
    RefitResult result = RefitStore(writer, options.solver, options.db_path, fallback_reason);
    auto next = std::make_shared<const Snapshot>(result.run, std::move(result.scores_json));
    const std::lock_guard<std::mutex> lock(snapshot_mutex);
    snapshot = std::move(next);
    return snapshot->run;
  }

  // The latest run when it scored the store's current document with these options; else a
  // refit. An empty store has no run.
  void LoadOrRefit() {
    const std::lock_guard<std::mutex> lock(writer_mutex);
    if (writer.Stats().claims == 0 && writer.Stats().articles == 0) return;
    const std::optional<RunRecord> latest = writer.LatestRun();
    if (latest && latest->input_digest == Sha256Digest(writer.ExportDocument()) &&
        latest->options_json == SolverOptionsJson(options.solver)) {
      const std::optional<std::string> scores = writer.RunScores(latest->id);
      auto loaded = std::make_shared<const Snapshot>(*latest, *scores);
      const std::lock_guard<std::mutex> snapshot_lock(snapshot_mutex);
      snapshot = std::move(loaded);
      return;
    }
    Refit("");
  }

  void CheckAuthorization(const httplib::Request& request, const std::string& token) const {
    if (token.empty()) return;
    if (!TokenMatches(request.get_header_value("Authorization"), token)) {
      throw Problem{401, "Unauthorized",
                    "this request needs the header \"Authorization: Bearer <token>\" with the "
                    "service's token"};
    }
  }

  // Who may call a route: anyone, readers (the read token, when there is one), writers.
  enum class Access : std::uint8_t { kOpen, kRead, kWrite };

  // Wraps a handler: authorization, ETag, problem details, metrics.
  httplib::Server::Handler Route(
      const std::string& name, Access access,
      std::function<void(const httplib::Request&, httplib::Response&)> handler) {
    const bool write = access == Access::kWrite;
    return [this, name, access, write, handler = std::move(handler)](
               const httplib::Request& request, httplib::Response& response) {
      const auto start = std::chrono::steady_clock::now();
      try {
        if (access != Access::kOpen) {
          CheckAuthorization(request, write ? options.write_token : options.read_token);
        }
        handler(request, response);
        const std::string etag = response.get_header_value("ETag");
        if (!write && !etag.empty() && request.get_header_value("If-None-Match") == etag) {
          response.status = 304;
          response.body.clear();
        }
      } catch (const Problem& problem) {
        WriteProblem(response, problem);
        if (problem.status == 401) response.set_header("WWW-Authenticate", "Bearer");
      } catch (const std::exception& error) {
        WriteProblem(response, {500, "Internal Server Error", error.what()});
      }
      if (response.status == -1) response.status = 200;  // httplib's "not set yet"
      metrics.Record(
          name, response.status,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    };
  }

  void SetRoutes();
  void PostArticles(const httplib::Request& request, httplib::Response& response);
};

void Service::Impl::PostArticles(const httplib::Request& request, httplib::Response& response) {
  const std::string type = request.get_header_value("Content-Type");
  if (type.rfind(kJson, 0) != 0) {
    throw Problem{
        415, "Unsupported Media Type",
        "POST /v1/articles takes a claims document as application/json, got \"" + type + "\""};
  }
  IngestResult ingest;
  std::optional<RunRecord> run;
  {
    const std::lock_guard<std::mutex> lock(writer_mutex);
    try {
      ingest = writer.Ingest(request.body, "request");
    } catch (const InputError& error) {
      Problem problem{422, "Unprocessable Content", "the claims document is not valid"};
      problem.errors = Json::array();
      for (const Diagnostic& diagnostic : error.diagnostics()) {
        if (diagnostic.where.pointer.empty() && diagnostic.where.line > 0) {
          problem.status = 400;
          problem.title = "Bad Request";
          problem.detail = "the body is not JSON";
        }
        Json entry = {{"pointer", diagnostic.where.pointer}, {"detail", diagnostic.message}};
        if (diagnostic.where.line > 0) entry["line"] = diagnostic.where.line;
        problem.errors.push_back(std::move(entry));
      }
      throw problem;
    }
    if (ingest.Changed()) run = Refit(kFullRefitReason);
  }
  Json articles = Json::array();
  Json new_claims = Json::array();
  for (const IngestedArticle& article : ingest.articles) {
    articles.push_back({{"id", article.id},
                        {"outcome", ToString(article.outcome)},
                        {"revision", article.revision},
                        {"claims", article.claim_ids}});
    if (article.outcome == IngestOutcome::kUnchanged) continue;
    for (const std::string& id : article.claim_ids) new_claims.push_back(id);
  }
  Json warnings = Json::array();
  for (const Diagnostic& warning : ingest.warnings) {
    warnings.push_back({{"pointer", warning.where.pointer}, {"detail", warning.message}});
  }
  Json body = {{"articles", std::move(articles)},
               {"new_claims", std::move(new_claims)},
               {"warnings", std::move(warnings)},
               {"run", run ? RunJson(*run) : Json(nullptr)}};
  response.status = ingest.Changed() ? 201 : 200;
  response.set_content(body.dump(2) + "\n", kJson);
}

void Service::Impl::SetRoutes() {
  const auto json_reply = [](httplib::Response& response, const Json& body,
                             const std::string& etag) {
    response.set_content(body.dump(2) + "\n", kJson);
    if (!etag.empty()) response.set_header("ETag", etag);
  };

  server.Post("/v1/articles",
              Route("/v1/articles", Access::kWrite, [this](const auto& request, auto& response) {
                PostArticles(request, response);
              }));

  server.Get(
      "/healthz", Route("/healthz", Access::kOpen, [this, json_reply](const auto&, auto& response) {
        const std::shared_ptr<const Snapshot> current = Current();
        json_reply(response,
                   {{"status", "ok"}, {"run", current ? Json(current->run.id) : Json(nullptr)}},
                   "");
      }));

  server.Get(
      "/metrics", Route("/metrics", Access::kRead, [this](const auto&, auto& response) {
        const StoreStats stats = Reader(*this)->Stats();
        const std::shared_ptr<const Snapshot> current = Current();
        const auto value = [](std::int64_t count) { return static_cast<double>(count); };
        const std::map<std::string, std::pair<std::string, double>> gauges = {
            {"credence_store_outlets", {"Outlets in the store.", value(stats.outlets)}},
            {"credence_store_articles", {"Articles in the store.", value(stats.articles)}},
            {"credence_store_revisions",
             {"Article revisions in the store.", value(stats.revisions)}},
            {"credence_store_claims", {"Claims of the latest revisions.", value(stats.claims)}},
            {"credence_store_bytes", {"Size of the store's main file.", value(stats.file_bytes)}},
            {"credence_runs", {"Scoring runs recorded.", value(stats.runs)}},
            {"credence_last_solve_seconds",
             {"Wall time of the latest refit (load, solve, write).",
              current ? current->run.solve_seconds : 0.0}},
        };
        response.set_content(metrics.Text(gauges), "text/plain; version=0.0.4");
      }));

  server.Get("/v1/openapi.json",
             Route("/v1/openapi.json", Access::kRead, [](const auto&, auto& response) {
               response.set_content(std::string(service_internal::OpenApiDocument()), kJson);
             }));

  server.Get("/", Route("/", Access::kRead, [this](const auto&, auto& response) {
               const std::shared_ptr<const Snapshot> current = Current();
               if (!current) {
                 response.set_content(
                     "<!doctype html><title>credence</title><p>The store holds no scored claims "
                     "yet: POST /v1/articles first.</p>\n",
                     "text/html; charset=utf-8");
                 return;
               }
               response.set_content(current->ReportHtml(), "text/html; charset=utf-8");
               response.set_header("ETag", current->etag);
             }));

  server.Get(
      "/v1/scores", Route("/v1/scores", Access::kRead, [this](const auto& request, auto& response) {
        const std::shared_ptr<const Snapshot> current = RequireSnapshot();
        ScoreQuery query{Param(request, "as_of"), Param(request, "exclude_outlet")};
        if (!query.as_of && !query.exclude_outlet) {
          response.set_content(current->scores_text, kJson);
          response.set_header("ETag", current->etag);
          return;
        }
        if (query.as_of) ParseDay(*query.as_of, "as_of", true);
        const std::string document = Reader(*this)->ExportDocument();
        try {
          response.set_content(ScoreFiltered(document, query, options.solver, options.db_path),
                               kJson);
        } catch (const InputError& error) {
          throw Problem{error.diagnostics().front().where.pointer == "/exclude_outlet" ? 404 : 422,
                        "Unprocessable Content", error.diagnostics().front().message};
        }
      }));

  server.Get(
      "/v1/outlets",
      Route("/v1/outlets", Access::kRead, [this, json_reply](const auto& request, auto& response) {
        const std::shared_ptr<const Snapshot> current = Current();
        std::vector<Json> rows;
        if (current) {
          for (const Json& outlet : current->scores.at("outlets")) {
            rows.push_back({{"id", outlet.at("id")},
                            {"name", outlet.at("name")},
                            {"kind", outlet.at("kind")},
                            {"reliability", outlet.at("reliability")},
                            {"interval", outlet.at("interval")},
                            {"claims", outlet.at("claims")}});
          }
        }
        std::vector<const Json*> items;
        items.reserve(rows.size());
        for (const Json& row : rows) items.push_back(&row);
        Json body = Page(items, request, "outlets");
        body["run"] = current ? Json(current->run.id) : Json(nullptr);
        json_reply(response, body, current ? current->etag : "\"empty\"");
      }));

  server.Get(R"(/v1/outlets/([^/]+))",
             Route("/v1/outlets/{id}", Access::kRead,
                   [this, json_reply](const auto& request, auto& response) {
                     const std::shared_ptr<const Snapshot> current = RequireSnapshot();
                     const std::string id = request.matches[1];
                     const auto found = current->outlet_index.find(id);
                     if (found == current->outlet_index.end()) {
                       throw Problem{404, "Not Found", "no outlet \"" + id + "\" in the store"};
                     }
                     Json body = current->scores.at("outlets")[found->second];
                     Json history = Json::array();
                     for (const HistoryPoint& point :
                          Reader(*this)->OutletHistory(id, kMaxLimit, std::nullopt)) {
                       history.push_back({{"run", point.run},
                                          {"created_at", point.created_at},
                                          {"reliability", point.reliability},
                                          {"interval", {point.interval_low, point.interval_high}}});
                     }
                     body["history"] = std::move(history);
                     body["run"] = current->run.id;
                     json_reply(response, body, current->etag);
                   }));

  server.Get(R"(/v1/claims/([^/]+(?:/[^/]+)*))",
             Route("/v1/claims/{id}", Access::kRead,
                   [this, json_reply](const auto& request, auto& response) {
                     const std::shared_ptr<const Snapshot> current = RequireSnapshot();
                     const std::string id = request.matches[1];
                     const auto found = current->claim_index.find(id);
                     const std::optional<StoredClaim> stored = Reader(*this)->FindClaim(id);
                     if (found == current->claim_index.end() || !stored) {
                       throw Problem{404, "Not Found", "no claim \"" + id + "\" in the store"};
                     }
                     Json body = current->scores.at("claims")[found->second];
                     body["record"] = {{"article", stored->article},
                                       {"revision", stored->revision},
                                       {"ingested_at", stored->ingested_at},
                                       {"as_written", Json::parse(stored->claim_json)}};
                     body["run"] = current->run.id;
                     json_reply(response, body, current->etag);
                   }));

  server.Get("/v1/propositions",
             Route("/v1/propositions", Access::kRead,
                   [this, json_reply](const auto& request, auto& response) {
                     const std::shared_ptr<const Snapshot> current = RequireSnapshot();
                     const std::optional<std::string> subject = Param(request, "subject");
                     const std::optional<std::string> predicate = Param(request, "predicate");
                     const std::optional<std::string> at = Param(request, "at");
                     // A plain day and a flag: GCC 12 misreads an optional here.
                     const std::int32_t at_day = at ? ParseDay(*at, "at", false) : 0;
                     std::vector<Json> rows;
                     for (const Json& proposition : current->scores.at("propositions")) {
                       if (subject && proposition.at("subject") != *subject) continue;
                       if (predicate && proposition.at("predicate") != *predicate) continue;
                       Json row = proposition;
                       if (at) {
                         // The timeline's segment [from, until) that holds the day.
                         Json value_at = nullptr;
                         for (const Json& segment : proposition.at("timeline")) {
                           const Json& from = segment.at("from");
                           const Json& until = segment.at("until");
                           if (!from.is_null() &&
                               ParseDay(from.get<std::string>(), "at", false) > at_day) {
                             continue;
                           }
                           if (!until.is_null() &&
                               ParseDay(until.get<std::string>(), "at", false) <= at_day) {
                             continue;
                           }
                           value_at = {{"value", segment.at("value")},
                                       {"probability", segment.at("probability")}};
                         }
                         row["at"] = *at;
                         row["value_at"] = std::move(value_at);
                       }
                       rows.push_back(std::move(row));
                     }
                     std::vector<const Json*> items;
                     items.reserve(rows.size());
                     for (const Json& row : rows) items.push_back(&row);
                     Json body = Page(items, request, "propositions");
                     body["run"] = current->run.id;
                     json_reply(response, body, current->etag);
                   }));

  server.Get("/v1/supersessions",
             Route("/v1/supersessions", Access::kRead,
                   [this, json_reply](const auto& request, auto& response) {
                     const std::shared_ptr<const Snapshot> current = RequireSnapshot();
                     const std::optional<std::string> since = Param(request, "since");
                     const std::int32_t since_day = since ? ParseDay(*since, "since", false) : 0;
                     std::vector<const Json*> items;
                     for (const Json& event : current->scores.at("supersessions")) {
                       if (since && ParseDay(event.at("at").get<std::string>(), "since", false) <
                                        since_day) {
                         continue;
                       }
                       items.push_back(&event);
                     }
                     Json body = Page(items, request, "supersessions");
                     body["run"] = current->run.id;
                     json_reply(response, body, current->etag);
                   }));

  server.Get(
      "/v1/runs",
      Route("/v1/runs", Access::kRead, [this, json_reply](const auto& request, auto& response) {
        const std::size_t limit = Limit(request);
        const std::optional<std::string> cursor = Param(request, "cursor");
        const std::optional<std::int64_t> before =
            cursor ? std::optional(static_cast<std::int64_t>(
                         ParseCount(*cursor, "cursor", std::size_t{1} << 62)))
                   : std::nullopt;
        const std::vector<RunRecord> runs = Reader(*this)->Runs(limit, before);
        Json rows = Json::array();
        for (const RunRecord& run : runs) rows.push_back(RunJson(run));
        const std::shared_ptr<const Snapshot> current = Current();
        json_reply(response,
                   {{"runs", std::move(rows)},
                    {"next_cursor", runs.size() == limit && runs.back().id > 1
                                        ? Json(std::to_string(runs.back().id))
                                        : Json(nullptr)}},
                   current ? current->etag : "\"empty\"");
      }));

  server.Get(R"(/v1/runs/([0-9]{1,18}))",
             Route("/v1/runs/{id}", Access::kRead,
                   [this, json_reply](const auto& request, auto& response) {
                     const std::int64_t id = std::stoll(request.matches[1]);
                     const std::optional<RunRecord> run = Reader(*this)->FindRun(id);
                     if (!run) throw Problem{404, "Not Found", "no run " + std::to_string(id)};
                     json_reply(response, RunJson(*run), "\"run-" + std::to_string(id) + "\"");
                   }));

  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const int status = response.status;
        std::string detail;
        if (status == 404) {
          detail = "no resource at " + request.method + " " + request.path +
                   " (GET /v1/openapi.json lists them)";
        } else if (status == 413) {
          detail = "the body is larger than the service accepts";
        } else if (status == 405) {
          detail = "method " + request.method + " is not allowed on " + request.path;
        }
        WriteProblem(response, {status, std::string(StatusTitle(status)), detail});
        return httplib::Server::HandlerResponse::Handled;
      }));
}

Service::Service(ServiceOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  std::string error;
  if (!impl_->options.solver.IsValid(&error)) throw std::invalid_argument(error);
  CreateSolver(impl_->options.solver.algorithm);  // throws std::invalid_argument when unknown
  if (impl_->options.write_token.empty() && !IsLoopback(impl_->options.host)) {
    throw std::invalid_argument("serving on " + impl_->options.host +
                                " (not a loopback address) needs --token-file: writes would "
                                "be open to the network");
  }
  impl_->LoadOrRefit();
  httplib::Server& server = impl_->server;
  const auto threads =
      static_cast<std::size_t>(std::max(1, impl_->options.max_concurrent_requests));
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(impl_->options.max_body_bytes);
  server.set_read_timeout(impl_->options.read_timeout_seconds);
  server.set_write_timeout(impl_->options.write_timeout_seconds);
  server.set_keep_alive_timeout(impl_->options.read_timeout_seconds);
  server.set_keep_alive_max_count(1000);
  impl_->SetRoutes();
}

Service::~Service() = default;

void Service::Bind() {
  Impl& impl = *impl_;
  if (impl.options.port == 0) {
    impl.bound_port = impl.server.bind_to_any_port(impl.options.host);
  } else if (impl.server.bind_to_port(impl.options.host, impl.options.port)) {
    impl.bound_port = impl.options.port;
  } else {
    impl.bound_port = -1;
  }
  if (impl.bound_port <= 0) {
    throw std::runtime_error("cannot listen on " + impl.options.host + ":" +
                             std::to_string(impl.options.port));
  }
}

int Service::port() const { return impl_->bound_port; }

void Service::Listen() { impl_->server.listen_after_bind(); }

void Service::Stop() { impl_->server.stop(); }

}  // namespace credence

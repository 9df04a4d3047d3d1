// Scoring a store: the full refit after each change, and the filtered re-scorings that the
// as_of (replay) and exclude_outlet (counterfactual) queries ask for.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "credence/claim_store.h"
#include "credence/database.h"
#include "credence/document.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/score.h"
#include "credence/service.h"
#include "credence/value.h"

namespace credence {
namespace {

using Json = nlohmann::json;

Diagnostic QueryError(const std::string& parameter, std::string message) {
  return {Severity::kError, {"query", "/" + parameter, 0}, std::move(message)};
}

bool MentionsOutlet(const Json& claim, const std::string& outlet) {
  const auto via = claim.find("via");
  if (via == claim.end() || !via->is_array()) return false;
  for (const Json& entry : *via) {
    if ((entry.is_string() && entry == outlet) ||
        (entry.is_object() && entry.value("id", "") == outlet)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string SolverOptionsJson(const SolverOptions& options) {
  const Json json = {{"algorithm", options.algorithm},
                     {"max_iterations", options.max_iterations},
                     {"tolerance", options.tolerance},
                     {"prior_alpha", options.prior_alpha},
                     {"prior_beta", options.prior_beta},
                     {"change_rate_per_year", options.change_rate_per_year},
                     {"probability_clamp", options.probability_clamp},
                     {"confirm_threshold", options.confirm_threshold},
                     {"contradict_threshold", options.contradict_threshold},
                     {"explain_max_groups", options.explain_max_groups},
                     {"seed", options.seed}};
  return json.dump();
}

RefitResult RefitStore(Database& database, const SolverOptions& options,
                       const std::string& source_name, const std::string& fallback_reason) {
  const auto start = std::chrono::steady_clock::now();
  const std::string text = database.ExportDocument();
  ClaimsDocument document = ParseClaimsDocument(text, source_name);
  const ClaimStore store = BuildClaimStore(std::move(document));
  const ScoreReport report = Score(store, options);
  RunInput run;
  run.mode = "full";
  run.fallback_reason = fallback_reason;
  run.options_json = SolverOptionsJson(options);
  run.input_digest = store.input_digest();
  run.num_claims = static_cast<std::int64_t>(store.num_claims());
  run.scores_json = ScoresToJson(store, report);
  for (std::size_t s = 0; s < store.num_outlets(); ++s) {
    const OutletScore& score = report.outlets[s];
    run.outlets.push_back(
        {store.outlets()[s].id, score.reliability, score.interval[0], score.interval[1]});
  }
  run.solve_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::int64_t id = database.RecordRun(run);
  return {*database.FindRun(id), std::move(run.scores_json)};
}

std::string ScoreFiltered(const std::string& document_text, const ScoreQuery& query,
                          const SolverOptions& options, const std::string& source_name) {
  Json root = Json::parse(document_text);
  std::optional<std::int32_t> last_day;
  if (query.as_of) {
    std::string error;
    const std::optional<Date> date = ParseIsoDate(*query.as_of, &error);
    if (!date) throw InputError(QueryError("as_of", "expected " + error));
    last_day = date->LastDay();
  }
  Json articles = Json::array();
  for (Json& article : root["articles"]) {
    if (last_day) {
      // Evidence published by then: an article whose publication period began by the date.
      // Undated articles cannot be placed in time and are left out of every replay.
      const auto published = article.find("published");
      if (published == article.end() || !published->is_string()) continue;
      std::string error;
      const std::optional<Date> date = ParseIsoDate(published->get<std::string>(), &error);
      if (!date || date->FirstDay() > *last_day) continue;
    }
    if (query.exclude_outlet) {
      if (article.value("outlet", "") == *query.exclude_outlet) continue;
      Json kept = Json::array();
      for (Json& claim : article["claims"]) {
        if (!MentionsOutlet(claim, *query.exclude_outlet)) kept.push_back(std::move(claim));
      }
      article["claims"] = std::move(kept);
    }
    articles.push_back(std::move(article));
  }
  root["articles"] = std::move(articles);
  if (query.exclude_outlet) {
    Json outlets = Json::array();
    bool found = false;
    for (Json& outlet : root["outlets"]) {
      if (outlet.value("id", "") == *query.exclude_outlet) {
        found = true;
      } else {
        outlets.push_back(std::move(outlet));
      }
    }
    if (!found) {
      throw InputError(
          QueryError("exclude_outlet", "unknown outlet \"" + *query.exclude_outlet + "\""));
    }
    root["outlets"] = std::move(outlets);
  }
  ClaimsDocument document = ParseClaimsDocument(root.dump(), source_name);
  const ClaimStore store = BuildClaimStore(std::move(document));
  return ScoresToJson(store, Score(store, options));
}

}  // namespace credence

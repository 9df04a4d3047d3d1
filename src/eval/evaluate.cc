// Evaluate: every algorithm's decoded value of each gold proposition against the gold value.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "credence/eval.h"
#include "eval/gold_match.h"
#include "eval/metrics.h"
#include "output/value_json.h"

namespace credence {
namespace {

using eval_internal::GoldItem;
using eval_internal::ItemDistribution;

// The claims of the timeline segment that holds on `day`: the last segment starting on or before
// it (the first segment has an open start); without a day, the last segment, the value the
// record ends with. All the proposition's claims when the algorithm gives no timeline; for a
// single-segment timeline (every algorithm without a time model, and static predicates) that is
// the same.
std::span<const std::uint32_t> ClaimsHoldingOn(const ClaimStore& store, const Solution& solution,
                                               std::size_t p, std::optional<std::int32_t> day) {
  const std::span<const std::uint32_t> claims = store.ClaimsOfProposition(p);
  if (p >= solution.timelines.size() || solution.timelines[p].empty()) return claims;
  const std::vector<StateSegment>& segments = solution.timelines[p];
  std::size_t k = segments.size() - 1;
  if (day) {
    const auto claim_day = store.claim_day();
    k = 0;
    while (k + 1 < segments.size() && claim_day[claims[segments[k + 1].first_step]] <= *day) ++k;
  }
  const StateSegment& segment = segments[k];
  if (segment.first_step > segment.last_step || segment.last_step >= claims.size()) return claims;
  return claims.subspan(segment.first_step, segment.last_step - segment.first_step + 1);
}

// The distribution over values that an algorithm implies for one item: a state's probability is
// the largest probability among the given scorable claims asserting it (on a static algorithm
// they all carry the same one), normalised over the claimed states. Empty values when no claim
// is scorable.
ItemDistribution ItemOf(const ClaimStore& store, const Solution& solution, std::size_t p,
                        std::span<const std::uint32_t> claims, const std::string& gold) {
  ItemDistribution item;
  item.gold = gold;
  const std::span<const Value> values = store.ValuesOf(p);
  std::vector<double> best(values.size(), 0.0);
  std::vector<bool> claimed(values.size(), false);
  const auto state = store.claim_state();
  for (std::uint32_t c : claims) {
    const std::uint32_t s = state[c];
    if (s >= values.size() || c >= solution.claim_probability.size()) continue;
    const double probability = solution.claim_probability[c];
    if (!std::isfinite(probability)) continue;
    best[s] = claimed[s] ? std::max(best[s], probability) : probability;
    claimed[s] = true;
  }
  // A state that no scorable claim asserts is not a candidate of this item.
  std::vector<double> scores;
  for (std::size_t s = 0; s < best.size(); ++s) {
    if (!claimed[s]) continue;
    item.values.push_back(values[s].ToDisplay());
    scores.push_back(best[s]);
  }
  item.probability = eval_internal::Normalise(scores);
  return item;
}

}  // namespace

std::vector<EvalResult> Evaluate(const ClaimStore& store, const std::vector<TruthRecord>& truth,
                                 const std::vector<std::string>& algorithms,
                                 const SolverOptions& options, std::vector<Diagnostic>* warnings) {
  // Unknown algorithms are refused before the gold is matched or anything is fitted.
  std::vector<std::unique_ptr<Solver>> solvers;
  solvers.reserve(algorithms.size());
  for (const std::string& name : algorithms) solvers.push_back(CreateSolver(name));
  const std::vector<GoldItem> gold = eval_internal::MatchGold(store, truth, warnings);

  std::vector<EvalResult> results;
  for (std::size_t a = 0; a < algorithms.size(); ++a) {
    SolverOptions run_options = options;
    run_options.algorithm = algorithms[a];
    // Scores are all eval reads: per-claim influences would cost more than the fit itself.
    run_options.explain_max_groups = 0;
    const auto start = std::chrono::steady_clock::now();
    const Solution solution = solvers[a]->Solve(store, run_options);
    const auto stop = std::chrono::steady_clock::now();

    std::vector<ItemDistribution> items;
    int without_claims = 0;
    for (const GoldItem& record : gold) {
      if (record.proposition == ClaimStore::kNotFound) {
        ++without_claims;
        continue;
      }
      ItemDistribution item =
          ItemOf(store, solution, record.proposition,
                 ClaimsHoldingOn(store, solution, record.proposition, record.day), record.gold);
      if (item.values.empty()) {
        ++without_claims;
        continue;
      }
      items.push_back(std::move(item));
    }

    EvalResult result;
    result.algorithm = algorithms[a];
    eval_internal::ScoreItems(items, &result);
    result.gold_without_claims = without_claims;
    result.iterations = solution.summary.iterations;
    result.termination = std::string(ToString(solution.summary.termination));
    result.fit_seconds = std::chrono::duration<double>(stop - start).count();
    results.push_back(std::move(result));
  }
  return results;
}

std::string EvalResultsToJson(const std::string& dataset, const std::vector<EvalResult>& results) {
  using output_internal::Number;
  output_internal::OrderedJson json = output_internal::OrderedJson::object();
  json["dataset"] = dataset;
  json["results"] = output_internal::OrderedJson::array();
  for (const EvalResult& r : results) {
    output_internal::OrderedJson entry = output_internal::OrderedJson::object();
    entry["algorithm"] = r.algorithm;
    entry["gold_items"] = r.gold_items;
    entry["gold_without_claims"] = r.gold_without_claims;
    entry["correct"] = r.correct;
    entry["accuracy"] = Number(r.accuracy);
    entry["ties"] = r.ties;
    entry["macro_f1"] = Number(r.macro_f1);
    entry["log_loss"] = Number(r.log_loss);
    entry["brier"] = Number(r.brier);
    entry["expected_calibration_error"] = Number(r.expected_calibration_error);
    entry["iterations"] = r.iterations;
    entry["termination"] = r.termination;
    entry["fit_seconds"] = Number(r.fit_seconds);
    json["results"].push_back(std::move(entry));
  }
  return json.dump(2, ' ', /*ensure_ascii=*/false,
                   output_internal::OrderedJson::error_handler_t::replace) +
         "\n";
}

std::string EvalResultsToTable(const std::string& dataset, const std::vector<EvalResult>& results) {
  std::size_t name_width = 9;  // "algorithm"
  for (const EvalResult& r : results) name_width = std::max(name_width, r.algorithm.size());
  const int width = static_cast<int>(name_width);
  std::string text = dataset + "\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-*s  %8s  %11s  %4s  %8s  %8s  %6s  %6s  %5s  %-14s  %8s\n",
                width, "algorithm", "accuracy", "correct", "ties", "macro-F1", "log-loss", "brier",
                "ECE", "iter", "termination", "seconds");
  text += line;
  for (const EvalResult& r : results) {
    const std::string correct = std::to_string(r.correct) + "/" + std::to_string(r.gold_items);
    std::snprintf(line, sizeof line,
                  "%-*s  %8.4f  %11s  %4d  %8.4f  %8.4f  %6.4f  %6.4f  %5d  %-14s  %8.3f\n", width,
                  r.algorithm.c_str(), r.accuracy, correct.c_str(), r.ties, r.macro_f1, r.log_loss,
                  r.brier, r.expected_calibration_error, r.iterations, r.termination.c_str(),
                  r.fit_seconds);
    text += line;
  }
  if (!results.empty() && results.front().gold_without_claims > 0) {
    text += std::to_string(results.front().gold_without_claims) +
            " gold items without a scorable claim were left out\n";
  }
  return text;
}

}  // namespace credence

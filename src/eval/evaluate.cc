// Evaluate: every algorithm's decoded value of each gold proposition against the gold value.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "credence/eval.h"
#include "eval/metrics.h"
#include "output/value_json.h"

namespace credence {
namespace {

using eval_internal::ItemDistribution;

// The per-item distribution an algorithm implies: a state's probability is the largest
// probability among the scorable claims asserting it (on a static algorithm they all carry the
// same one), normalised over the claimed states. Empty values when no claim is scorable.
ItemDistribution ItemOf(const ClaimStore& store, const Solution& solution, std::size_t p,
                        const std::string& gold) {
  ItemDistribution item;
  item.gold = gold;
  const std::span<const Value> values = store.ValuesOf(p);
  std::vector<double> best(values.size(), 0.0);
  std::vector<bool> claimed(values.size(), false);
  const auto state = store.claim_state();
  for (std::uint32_t c : store.ClaimsOfProposition(p)) {
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
                                 const SolverOptions& options) {
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> by_key;
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const PropositionInfo& info = store.propositions()[p];
    by_key.emplace(std::make_pair(std::string_view(info.subject),
                                  std::string_view(store.predicates()[info.predicate].id)),
                   p);
  }
  std::vector<std::size_t> proposition_of(truth.size(), ClaimStore::kNotFound);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const auto it = by_key.find({truth[i].subject, truth[i].predicate});
    if (it != by_key.end()) proposition_of[i] = it->second;
  }

  std::vector<EvalResult> results;
  for (const std::string& name : algorithms) {
    const std::unique_ptr<Solver> solver = CreateSolver(name);
    SolverOptions run_options = options;
    run_options.algorithm = name;
    // Scores are all eval reads: per-claim influences would cost more than the fit itself.
    run_options.explain_max_groups = 0;
    const auto start = std::chrono::steady_clock::now();
    const Solution solution = solver->Solve(store, run_options);
    const auto stop = std::chrono::steady_clock::now();

    std::vector<ItemDistribution> items;
    int without_claims = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      if (proposition_of[i] == ClaimStore::kNotFound) {
        ++without_claims;
        continue;
      }
      ItemDistribution item = ItemOf(store, solution, proposition_of[i], truth[i].value);
      if (item.values.empty()) {
        ++without_claims;
        continue;
      }
      items.push_back(std::move(item));
    }

    EvalResult result;
    result.algorithm = name;
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

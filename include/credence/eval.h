// Scoring algorithms against gold labels: the numbers researchers compare.
#ifndef CREDENCE_EVAL_H_
#define CREDENCE_EVAL_H_

#include <string>
#include <vector>

#include "credence/claim_store.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/solver.h"

namespace credence {

struct EvalResult {
  std::string algorithm;
  int gold_items = 0;           // gold propositions that have at least one scorable claim
  int gold_without_claims = 0;  // gold records left out: no scorable claim under this algorithm
  int correct = 0;
  double accuracy = 0.0;
  int ties = 0;  // gold items whose top probability is shared by several values
  double macro_f1 = 0.0;
  // Probabilistic quality of the predicted distribution over each item's values.
  double log_loss = 0.0;
  double brier = 0.0;
  double expected_calibration_error = 0.0;  // 10 equal-width bins of the top probability
  int iterations = 0;
  std::string termination;
  double fit_seconds = 0.0;
};

// Runs each algorithm on the store and compares its decoded value of every gold proposition
// with the gold value. Ties go to the smallest value text in byte order, the rule under which
// the public data sets publish their majority-vote figures.
std::vector<EvalResult> Evaluate(const ClaimStore& store, const std::vector<TruthRecord>& truth,
                                 const std::vector<std::string>& algorithms,
                                 const SolverOptions& options);

// {"dataset": ..., "results": [...]} and a plain-text table of the same.
std::string EvalResultsToJson(const std::string& dataset, const std::vector<EvalResult>& results);
std::string EvalResultsToTable(const std::string& dataset, const std::vector<EvalResult>& results);

}  // namespace credence

#endif  // CREDENCE_EVAL_H_

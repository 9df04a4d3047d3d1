// Scoring algorithms against gold labels: the numbers researchers compare, and the check a
// newsroom runs on its own annotated data.
#ifndef CREDENCE_EVAL_H_
#define CREDENCE_EVAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/solver.h"

namespace credence {

struct EvalResult {
  std::string algorithm;
  int gold_items = 0;           // gold items whose proposition has a scorable claim
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

// Reads the gold file that goes with a data set of `format` (kAuto is refused: detect the input's
// format first). Claims documents and JSON Lines: a CSV with the header
// subject,predicate,value[,date] (docs/format.md, "Gold files"); the tabular formats: the data
// set's own gold file (ReadTruth). Throws InputError naming the file and line of every problem.
std::vector<TruthRecord> ReadGold(const std::string& path, InputFormat format);
// The gold file ReadGold expects for `format`, in words, for help texts.
std::string_view GoldFormatOf(InputFormat format);

// Runs each algorithm on the store and compares, for every gold record, the predicted value with
// the gold value. A record's value is typed by its predicate's value_kind and matched to the
// proposition's candidate values with Compatible, the rule that groups claims. The prediction is
// the most probable value among the claims of the timeline segment that holds on the record's
// date (no date: the last segment, the value the record ends with); ties go to the smallest
// value text in byte order, the rule under which the public data sets publish their
// majority-vote figures.
// Throws InputError (at the gold file's lines) for a value its predicate's kind cannot read, a
// value that agrees with several candidate values, two records that give one item different
// values, and a gold file none of whose items has a claim ("no gold item has claims"). A record
// whose predicate the store does not declare is left out with a warning, appended to `warnings`
// when it is not null.
std::vector<EvalResult> Evaluate(const ClaimStore& store, const std::vector<TruthRecord>& truth,
                                 const std::vector<std::string>& algorithms,
                                 const SolverOptions& options,
                                 std::vector<Diagnostic>* warnings = nullptr);

// {"dataset": ..., "results": [...]} and a plain-text table of the same.
std::string EvalResultsToJson(const std::string& dataset, const std::vector<EvalResult>& results);
std::string EvalResultsToTable(const std::string& dataset, const std::vector<EvalResult>& results);

}  // namespace credence

#endif  // CREDENCE_EVAL_H_

// Accuracy and probabilistic quality of per-item predicted distributions against gold values,
// independent of any store or solver so that each rule can be checked on its own.
#ifndef CREDENCE_EVAL_METRICS_H_
#define CREDENCE_EVAL_METRICS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "credence/eval.h"

namespace credence::eval_internal {

// Probabilities below this count as this much in log loss: an algorithm that rules out the gold
// value pays a large, finite penalty instead of an infinite one.
inline constexpr double kProbabilityFloor = 1e-15;

// One gold item: the display text and probability of each claimed state, and the gold text.
struct ItemDistribution {
  std::vector<std::string> values;
  std::vector<double> probability;  // normalised to sum to 1 (see Normalise)
  std::string gold;
};

// Scales non-negative scores to sum to 1 (negative and non-finite scores count as 0; all zero
// gives the uniform distribution).
std::vector<double> Normalise(const std::vector<double>& scores);

struct Decoded {
  std::size_t predicted = 0;  // index into ItemDistribution::values
  bool tie = false;           // another value shares the top probability
};

// The most probable value; ties go to the smallest value text in byte order. Probabilities
// within a relative 1e-12 of each other tie, so that summation order cannot break a tie.
Decoded Decode(const ItemDistribution& item);

// Fills gold_items, correct, accuracy, ties, macro_f1, log_loss, brier and
// expected_calibration_error of *result from the items.
void ScoreItems(const std::vector<ItemDistribution>& items, EvalResult* result);

}  // namespace credence::eval_internal

#endif  // CREDENCE_EVAL_METRICS_H_

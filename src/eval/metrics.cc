#include "eval/metrics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace credence::eval_internal {
namespace {

constexpr int kCalibrationBins = 10;

bool SameProbability(double a, double b) {
  return std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b));
}

}  // namespace

std::vector<double> Normalise(const std::vector<double>& scores) {
  std::vector<double> out(scores.size(), 0.0);
  double total = 0.0;
  for (std::size_t k = 0; k < scores.size(); ++k) {
    if (std::isfinite(scores[k]) && scores[k] > 0.0) out[k] = scores[k];
    total += out[k];
  }
  if (out.empty()) return out;
  if (!(total > 0.0) || !std::isfinite(total)) {
    std::fill(out.begin(), out.end(), 1.0 / static_cast<double>(out.size()));
    return out;
  }
  for (double& p : out) p /= total;
  return out;
}

Decoded Decode(const ItemDistribution& item) {
  Decoded decoded;
  const std::vector<double>& p = item.probability;
  for (std::size_t k = 1; k < p.size(); ++k) {
    if (SameProbability(p[k], p[decoded.predicted])) {
      decoded.tie = true;
      if (item.values[k] < item.values[decoded.predicted]) decoded.predicted = k;
    } else if (p[k] > p[decoded.predicted]) {
      decoded.predicted = k;
      decoded.tie = false;
    }
  }
  return decoded;
}

void ScoreItems(const std::vector<ItemDistribution>& items, EvalResult* result) {
  struct ClassCounts {
    int true_positive = 0;
    int false_positive = 0;
    int false_negative = 0;
  };
  std::map<std::string, ClassCounts> classes;  // ordered: the F1 sum is order-independent
  std::array<double, kCalibrationBins> bin_confidence{};
  std::array<int, kCalibrationBins> bin_correct{};
  std::array<int, kCalibrationBins> bin_count{};
  std::vector<std::string> predictions;
  predictions.reserve(items.size());

  int correct = 0;
  int ties = 0;
  double log_loss = 0.0;
  double brier = 0.0;
  for (const ItemDistribution& item : items) {
    classes[item.gold];  // classes are those present in gold
    if (item.values.empty()) {
      predictions.emplace_back();
      continue;
    }
    const Decoded decoded = Decode(item);
    const double top = item.probability[decoded.predicted];
    const bool is_correct = item.values[decoded.predicted] == item.gold;
    correct += is_correct ? 1 : 0;
    ties += decoded.tie ? 1 : 0;
    predictions.push_back(item.values[decoded.predicted]);

    double p_gold = 0.0;
    bool gold_claimed = false;
    for (std::size_t k = 0; k < item.values.size(); ++k) {
      const bool is_gold = item.values[k] == item.gold;
      if (is_gold) {
        p_gold = item.probability[k];
        gold_claimed = true;
      }
      const double miss = item.probability[k] - (is_gold ? 1.0 : 0.0);
      brier += miss * miss;
    }
    if (!gold_claimed) brier += 1.0;  // the gold value's own term: (0 - 1)^2
    log_loss -= std::log(std::max(p_gold, kProbabilityFloor));

    const int bin =
        std::clamp(static_cast<int>(std::floor(top * kCalibrationBins)), 0, kCalibrationBins - 1);
    bin_confidence[bin] += top;
    bin_correct[bin] += is_correct ? 1 : 0;
    ++bin_count[bin];
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& gold = items[i].gold;
    const std::string& predicted = predictions[i];
    if (predicted == gold) {
      ++classes[gold].true_positive;
    } else {
      ++classes[gold].false_negative;
      // A wrong prediction of a value absent from gold lowers no class's precision: only the
      // classes present in gold are averaged.
      auto it = classes.find(predicted);
      if (it != classes.end()) ++it->second.false_positive;
    }
  }

  const int n = static_cast<int>(items.size());
  result->gold_items = n;
  result->correct = correct;
  result->ties = ties;
  if (n == 0) return;
  const double count = static_cast<double>(n);
  result->accuracy = correct / count;
  result->log_loss = log_loss / count;
  result->brier = brier / count;
  double ece = 0.0;
  for (int b = 0; b < kCalibrationBins; ++b) {
    if (bin_count[b] == 0) continue;
    const double in_bin = static_cast<double>(bin_count[b]);
    ece += std::abs(bin_correct[b] / in_bin - bin_confidence[b] / in_bin) * in_bin / count;
  }
  result->expected_calibration_error = ece;
  double f1_sum = 0.0;
  for (const auto& [label, c] : classes) {
    const int denominator = 2 * c.true_positive + c.false_positive + c.false_negative;
    if (denominator > 0) f1_sum += 2.0 * c.true_positive / denominator;
  }
  result->macro_f1 = f1_sum / static_cast<double>(classes.size());
}

}  // namespace credence::eval_internal

#include "report/review_rating.h"

#include <algorithm>

namespace credence::report_internal {
namespace {

// 1 at or below the contradict threshold, 5 at or above the confirm threshold, else 2, 3 or 4
// by the third of the interval between them that the probability falls in.
int Band(double probability, double contradict_threshold, double confirm_threshold) {
  if (probability <= contradict_threshold) return 1;
  if (probability >= confirm_threshold) return 5;
  const double third = (confirm_threshold - contradict_threshold) / 3;
  if (probability < contradict_threshold + third) return 2;
  if (probability < contradict_threshold + 2 * third) return 3;
  return 4;
}

}  // namespace

ReviewRating RateClaim(Status status, double probability, double contradict_threshold,
                       double confirm_threshold) {
  const int band = Band(probability, contradict_threshold, confirm_threshold);
  switch (status) {
    case Status::kConfirmed:
      return {kBestRating, "True"};
    case Status::kContradicted:
      return {kWorstRating, "False"};
    case Status::kSuperseded:
      return {band, "Outdated"};
    case Status::kUnresolved:
      break;
  }
  // Unresolved stays in the middle of the scale even at a tie's extreme probability.
  const int value = std::clamp(band, 2, 4);
  static constexpr std::string_view kNames[] = {"Likely false", "Unproven", "Likely true"};
  return {value, kNames[value - 2]};
}

}  // namespace credence::report_internal

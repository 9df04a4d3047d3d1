// A claim's ClaimReview rating: a 1-5 scale (worst 1, best 5) and its words. Confirmed is 5
// "True" and contradicted 1 "False"; between the thresholds the probability picks one of three
// equal bands, 2 "Likely false", 3 "Unproven", 4 "Likely true"; a superseded claim keeps the
// rating of its probability (it was right when made) and is called "Outdated".
#ifndef CREDENCE_REPORT_REVIEW_RATING_H_
#define CREDENCE_REPORT_REVIEW_RATING_H_

#include <string_view>

#include "report/scores_view.h"

namespace credence::report_internal {

struct ReviewRating {
  int value = 3;  // 1 (worst) .. 5 (best)
  std::string_view name;
};

inline constexpr int kWorstRating = 1;
inline constexpr int kBestRating = 5;

// `probability` is P(claim true as of its date); the thresholds are the run's
// contradict_threshold and confirm_threshold (contradict < confirm).
ReviewRating RateClaim(Status status, double probability, double contradict_threshold,
                       double confirm_threshold);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_REVIEW_RATING_H_

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "credence/solver.h"

namespace credence {
namespace {

std::string Refusal(const SolverOptions& options) {
  std::string error;
  EXPECT_FALSE(options.IsValid(&error));
  return error;
}

TEST(SolverOptions, DefaultsAreValid) {
  std::string error;
  EXPECT_TRUE(SolverOptions{}.IsValid(&error)) << error;
}

TEST(SolverOptions, PriorsOutsideTheHonouredRangeAreRefused) {
  for (const double bad :
       {0.0, -1.0, 0.05, 1e6 * 1.5, 1e300, std::nan(""), std::numeric_limits<double>::infinity()}) {
    SolverOptions alpha;
    alpha.prior_alpha = bad;
    EXPECT_NE(Refusal(alpha).find("prior_alpha and prior_beta must be numbers in [0.1, 1e+06]"),
              std::string::npos)
        << bad;
    SolverOptions beta;
    beta.prior_beta = bad;
    EXPECT_NE(Refusal(beta).find("prior_beta"), std::string::npos) << bad;
  }
  // The ends of the range are honoured.
  SolverOptions ends;
  ends.prior_alpha = kMinPriorCount;
  ends.prior_beta = kMaxPriorCount;
  std::string error;
  EXPECT_TRUE(ends.IsValid(&error)) << error;
}

TEST(SolverOptions, ThreadsOutsideOneToTheCapAreRefused) {
  for (const int bad : {0, -3, kMaxThreads + 1, 100000}) {
    SolverOptions options;
    options.num_threads = bad;
    EXPECT_NE(Refusal(options).find("num_threads must be between 1 and 1024"), std::string::npos)
        << bad;
  }
  SolverOptions cap;
  cap.num_threads = kMaxThreads;
  std::string error;
  EXPECT_TRUE(cap.IsValid(&error)) << error;
}

TEST(SolverOptions, IterationControlAndThresholdsAreChecked) {
  SolverOptions iterations;
  iterations.max_iterations = 0;
  EXPECT_NE(Refusal(iterations).find("max_iterations"), std::string::npos);
  for (const double bad : {0.0, -1e-6, std::nan("")}) {
    SolverOptions tolerance;
    tolerance.tolerance = bad;
    EXPECT_NE(Refusal(tolerance).find("tolerance"), std::string::npos) << bad;
  }
  SolverOptions crossed;
  crossed.confirm_threshold = 0.4;
  crossed.contradict_threshold = 0.6;
  EXPECT_NE(Refusal(crossed).find("thresholds"), std::string::npos);
  SolverOptions equal;
  equal.confirm_threshold = 0.5;
  equal.contradict_threshold = 0.5;
  EXPECT_NE(Refusal(equal).find("thresholds"), std::string::npos);
  SolverOptions outside;
  outside.confirm_threshold = 1.0;
  EXPECT_NE(Refusal(outside).find("thresholds"), std::string::npos);
}

}  // namespace
}  // namespace credence

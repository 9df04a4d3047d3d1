#include "report/review_rating.h"

#include <gtest/gtest.h>

namespace credence::report_internal {
namespace {

// Default thresholds 0.1 and 0.9: unresolved bands (0.1, 0.367), [0.367, 0.633), [0.633, 0.9).
TEST(RateClaimTest, StatusesAndBandsAtTheDefaultThresholds) {
  const auto rate = [](Status status, double p) { return RateClaim(status, p, 0.1, 0.9); };
  EXPECT_EQ(rate(Status::kConfirmed, 0.95).value, 5);
  EXPECT_EQ(rate(Status::kConfirmed, 0.95).name, "True");
  EXPECT_EQ(rate(Status::kContradicted, 0.02).value, 1);
  EXPECT_EQ(rate(Status::kContradicted, 0.02).name, "False");
  EXPECT_EQ(rate(Status::kUnresolved, 0.273).value, 2);
  EXPECT_EQ(rate(Status::kUnresolved, 0.273).name, "Likely false");
  EXPECT_EQ(rate(Status::kUnresolved, 0.37).value, 3);
  EXPECT_EQ(rate(Status::kUnresolved, 0.5).name, "Unproven");
  EXPECT_EQ(rate(Status::kUnresolved, 0.63).value, 3);
  EXPECT_EQ(rate(Status::kUnresolved, 0.64).value, 4);
  EXPECT_EQ(rate(Status::kUnresolved, 0.845).name, "Likely true");
  // A superseded claim was right when made: its probability picks the number, its name says
  // the world moved on.
  EXPECT_EQ(rate(Status::kSuperseded, 0.772).value, 4);
  EXPECT_EQ(rate(Status::kSuperseded, 0.772).name, "Outdated");
  EXPECT_EQ(rate(Status::kSuperseded, 0.95).value, 5);
}

TEST(RateClaimTest, UnresolvedStaysInTheMiddleEvenAtAnExtremeProbability) {
  // A perfect tie is unresolved at any probability: never rated as true or false.
  EXPECT_EQ(RateClaim(Status::kUnresolved, 1.0, 0.1, 0.9).value, 4);
  EXPECT_EQ(RateClaim(Status::kUnresolved, 0.0, 0.1, 0.9).value, 2);
}

TEST(RateClaimTest, BandsFollowTheRunsThresholds) {
  // Thresholds 0.2 and 0.8: thirds (0.2, 0.4), (0.4, 0.6), (0.6, 0.8).
  EXPECT_EQ(RateClaim(Status::kUnresolved, 0.35, 0.2, 0.8).value, 2);
  EXPECT_EQ(RateClaim(Status::kUnresolved, 0.45, 0.2, 0.8).value, 3);
  EXPECT_EQ(RateClaim(Status::kUnresolved, 0.65, 0.2, 0.8).value, 4);
  EXPECT_EQ(RateClaim(Status::kSuperseded, 0.15, 0.2, 0.8).value, 1);
}

}  // namespace
}  // namespace credence::report_internal

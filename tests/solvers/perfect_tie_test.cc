// A perfect tie is a tie: five single sources that all disagree give five equal probabilities,
// and no value is confirmed, whichever algorithm scores them.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "credence/result.h"
#include "credence/score.h"
#include "credence/solver.h"
#include "test_support.h"

namespace credence {
namespace {

ClaimStore FiveWayTie() {
  testing::DocumentBuilder builder;
  builder.Predicate("capital", ValueKind::kCategory);
  for (const char* source : {"A", "B", "C", "D", "E"}) builder.Outlet(source);
  // Values in an order that is not their byte order, so that no tie rule hides behind input
  // order either.
  builder.Claim("A", "x", "capital", Value::Category("delta"))
      .Claim("B", "x", "capital", Value::Category("bravo"))
      .Claim("C", "x", "capital", Value::Category("echo"))
      .Claim("D", "x", "capital", Value::Category("alpha"))
      .Claim("E", "x", "capital", Value::Category("charlie"));
  return builder.Store();
}

TEST(PerfectTie, EveryAlgorithmGivesEqualProbabilitiesAndConfirmsNothing) {
  const ClaimStore store = FiveWayTie();
  for (std::string_view algorithm : SolverNames()) {
    SolverOptions options;
    options.algorithm = std::string(algorithm);
    const ScoreReport report = Score(store, options);
    ASSERT_EQ(report.claims.size(), 5U);
    const double first = report.claims[0].probability.value_or(-1.0);
    for (const ClaimScore& claim : report.claims) {
      ASSERT_TRUE(claim.probability.has_value()) << algorithm;
      EXPECT_NEAR(*claim.probability, first, 1e-12) << algorithm;
      EXPECT_NE(claim.status, ClaimStatus::kConfirmed) << algorithm << ": " << claim.reason;
    }
    // Equal reliabilities too: nothing tells the five sources apart.
    for (const OutletScore& outlet : report.outlets) {
      EXPECT_NEAR(outlet.reliability, report.outlets[0].reliability, 1e-12) << algorithm;
    }
  }
}

}  // namespace
}  // namespace credence

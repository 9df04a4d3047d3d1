// No number is ever written as -0.0.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>

#include "credence/output.h"
#include "credence/score.h"
#include "output/value_json.h"
#include "test_support.h"

namespace credence {
namespace {

TEST(NegativeZero, NumbersWriteZeroWithoutASign) {
  EXPECT_TRUE(std::signbit(-0.0));
  EXPECT_EQ(output_internal::Number(-0.0).dump(), "0.0");
  EXPECT_EQ(output_internal::ShortestNumber(-0.0F).dump(), "0.0");
  EXPECT_EQ(output_internal::Number(-1.5).dump(), "-1.5");
}

// CRH on a proposition where one source carries all the loss: its weight is -log(1), which is
// -0 in IEEE arithmetic.
TEST(NegativeZero, CrhScoresNeverContainMinusZero) {
  const ClaimStore store = testing::DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Outlet("C")
                               .Predicate("p", ValueKind::kCategory)
                               .Claim("A", "x", "p", Value::Category("one"))
                               .Claim("B", "x", "p", Value::Category("one"))
                               .Claim("C", "x", "p", Value::Category("two"))
                               .Store();
  SolverOptions options;
  options.algorithm = "crh";
  const std::string json = ScoresToJson(store, Score(store, options));
  // A minus sign before a zero that no other digit follows: -0, -0.0, -0e0.
  const std::regex minus_zero(R"(-0(\.0*)?([eE][-+]?[0-9]+)?[^.0-9eE])");
  EXPECT_FALSE(std::regex_search(json, minus_zero)) << json;
}

}  // namespace
}  // namespace credence

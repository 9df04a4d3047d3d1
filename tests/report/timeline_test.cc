#include "report/timeline.h"

#include <gtest/gtest.h>

#include "credence/value.h"
#include "report/svg.h"

namespace credence::report_internal {
namespace {

DisplayValue Text(const std::string& text) { return {text, false, 0, "", false}; }
DisplayValue Amount(double amount, const std::string& unit) {
  return {"", true, amount, unit, false};
}

TEST(DisplayAgreesTest, PlacesClaimsInTheRowOfTheValueTheyAgreeWith) {
  EXPECT_TRUE(DisplayAgrees(Text("true"), Text("true")));
  EXPECT_FALSE(DisplayAgrees(Text("true"), Text("false")));
  // Dates at the coarser granularity, as model.md compares them.
  EXPECT_TRUE(DisplayAgrees(Text("2025-04-14"), Text("2025-04")));
  EXPECT_TRUE(DisplayAgrees(Text("2025"), Text("2025-11-10")));
  EXPECT_FALSE(DisplayAgrees(Text("2025-1"), Text("2025-11")));
  // "Six months" (182.62 days) and "180 days" are 1.4% apart; 6 and 7 months are not close.
  EXPECT_TRUE(DisplayAgrees(Amount(182.62, "day"), Amount(180, "day")));
  EXPECT_FALSE(DisplayAgrees(Amount(182.62, "day"), Amount(213.06, "day")));
  EXPECT_FALSE(DisplayAgrees(Amount(180, "day"), Amount(180, "count")));
}

TEST(TimeTicksTest, RoundDatesAtAFittingStep) {
  const auto day = [](int y, int m, int d) { return DaysFromCivil(y, m, d); };
  // Ten years: every two years on 1 January.
  std::vector<Tick> ticks = TimeTicks(day(2015, 3, 1), day(2025, 11, 30), 6);
  ASSERT_EQ(ticks.size(), 5U);
  EXPECT_EQ(ticks.front().label, "2016");
  EXPECT_EQ(ticks.front().day, day(2016, 1, 1));
  EXPECT_EQ(ticks.back().label, "2024");
  // Eight months: quarters.
  ticks = TimeTicks(day(2025, 3, 20), day(2025, 11, 30), 6);
  ASSERT_EQ(ticks.size(), 3U);
  EXPECT_EQ(ticks[0].label, "2025-04");
  EXPECT_EQ(ticks[2].label, "2025-10");
  // Three weeks: weekly days from the first.
  ticks = TimeTicks(day(2025, 4, 1), day(2025, 4, 21), 6);
  ASSERT_EQ(ticks.size(), 3U);
  EXPECT_EQ(ticks[1].label, "2025-04-08");
}

}  // namespace
}  // namespace credence::report_internal

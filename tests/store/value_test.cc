// Typed values: the calendar, ISO date parsing, units and scale words, normalisation, display
// forms and the compatibility rule.
#include "credence/value.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

namespace credence {
namespace {

// An independent calendar for cross-checks: walks days one at a time.
bool TestIsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int TestDaysInMonth(int year, int month) {
  if (month == 2) return TestIsLeap(year) ? 29 : 28;
  return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
}

Date Day(int year, int month, int day) { return {year, month, day, DateGranularity::kDay}; }
Date Month(int year, int month) { return {year, month, 0, DateGranularity::kMonth}; }
Date Year(int year) { return {year, 0, 0, DateGranularity::kYear}; }

bool DatesCompatible(const Date& a, const Date& b) {
  return Compatible(Value::FromDate(a), Value::FromDate(b), Tolerance{});
}

// ---------------------------------------------------------------------------------------------
// Value kinds

TEST(ValueKindTest, NamesRoundTrip) {
  EXPECT_EQ(ToString(ValueKind::kBoolean), "boolean");
  EXPECT_EQ(ToString(ValueKind::kCategory), "category");
  EXPECT_EQ(ToString(ValueKind::kQuantity), "quantity");
  EXPECT_EQ(ToString(ValueKind::kDate), "date");
  EXPECT_EQ(ToString(ValueKind::kString), "string");
  for (ValueKind kind : {ValueKind::kBoolean, ValueKind::kCategory, ValueKind::kQuantity,
                         ValueKind::kDate, ValueKind::kString}) {
    EXPECT_EQ(ParseValueKind(ToString(kind)), kind);
  }
  EXPECT_EQ(ParseValueKind("number"), std::nullopt);
  EXPECT_EQ(ParseValueKind(""), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// Calendar

TEST(CalendarTest, KnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(1970, 1, 2), 1);
  // 30 years of 365 days plus the leap days of 1972..1996 (7), then January and a leap February.
  EXPECT_EQ(DaysFromCivil(2000, 1, 1), 30 * 365 + 7);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 30 * 365 + 7 + 31 + 29);
  // 55 years plus the 14 leap days of 1972..2024.
  EXPECT_EQ(DaysFromCivil(2025, 1, 1), 55 * 365 + 14);
  EXPECT_EQ(DaysFromCivil(2024, 2, 29), 55 * 365 + 14 - 366 + 31 + 28);
  // 1900 is not a leap year: March 1st follows February 28th.
  EXPECT_EQ(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28), 1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28), 2);
}

TEST(CalendarTest, CivilFromDaysKnownDays) {
  EXPECT_EQ(CivilFromDays(0), Day(1970, 1, 1));
  EXPECT_EQ(CivilFromDays(-1), Day(1969, 12, 31));
  EXPECT_EQ(CivilFromDays(30 * 365 + 7 + 31 + 29), Day(2000, 3, 1));
  EXPECT_EQ(CivilFromDays(30 * 365 + 7 + 31 + 28), Day(2000, 2, 29));
  EXPECT_EQ(FormatIsoDay(0), "1970-01-01");
  EXPECT_EQ(FormatIsoDay(-1), "1969-12-31");
  EXPECT_EQ(FormatIsoDay(55 * 365 + 14), "2025-01-01");
}

// Walks the calendar day by day from 1600-01-01 (whose day number is summed year by year) to
// 2401-12-31 and checks both conversions at every step.
TEST(CalendarTest, AgreesWithDayByDayWalk) {
  std::int32_t days = 0;
  for (int year = 1600; year < 1970; ++year) days -= TestIsLeap(year) ? 366 : 365;
  for (int year = 1600; year <= 2401; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= TestDaysInMonth(year, month); ++day) {
        ASSERT_EQ(DaysFromCivil(year, month, day), days) << year << "-" << month << "-" << day;
        ASSERT_EQ(CivilFromDays(days), Day(year, month, day)) << days;
        ++days;
      }
    }
  }
}

TEST(CalendarTest, RoundTripsOverWideRange) {
  for (std::int32_t days = -800000; days <= 3000000; days += 7) {
    const Date date = CivilFromDays(days);
    ASSERT_GE(date.month, 1);
    ASSERT_LE(date.month, 12);
    ASSERT_GE(date.day, 1);
    ASSERT_LE(date.day, TestDaysInMonth(date.year, date.month));
    ASSERT_EQ(DaysFromCivil(date.year, date.month, date.day), days);
  }
}

TEST(DateTest, FirstAndLastDayOfPeriods) {
  const std::int32_t jan1_2025 = 55 * 365 + 14;
  EXPECT_EQ(Year(2025).FirstDay(), jan1_2025);
  EXPECT_EQ(Year(2025).LastDay(), jan1_2025 + 364);
  EXPECT_EQ(Year(2024).LastDay() - Year(2024).FirstDay(), 365);
  EXPECT_EQ(Month(2025, 2).FirstDay(), jan1_2025 + 31);
  EXPECT_EQ(Month(2025, 2).LastDay(), jan1_2025 + 31 + 27);
  EXPECT_EQ(Month(2024, 2).LastDay(), DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(Month(1900, 2).LastDay(), DaysFromCivil(1900, 2, 28));
  EXPECT_EQ(Month(2025, 12).LastDay(), jan1_2025 + 364);
  EXPECT_EQ(Day(2025, 4, 14).FirstDay(), Day(2025, 4, 14).LastDay());
  EXPECT_EQ(Day(1969, 12, 31).FirstDay(), -1);
}

TEST(DateTest, ToIsoAtGranularity) {
  EXPECT_EQ(Year(2025).ToIso(), "2025");
  EXPECT_EQ(Month(2025, 4).ToIso(), "2025-04");
  EXPECT_EQ(Day(2025, 4, 14).ToIso(), "2025-04-14");
  EXPECT_EQ(Day(5, 1, 2).ToIso(), "0005-01-02");
}

// ---------------------------------------------------------------------------------------------
// ISO date parsing

TEST(ParseIsoDateTest, AcceptsTheThreeGranularities) {
  std::string error;
  EXPECT_EQ(ParseIsoDate("2025", &error), Year(2025));
  EXPECT_EQ(ParseIsoDate("2025-04", &error), Month(2025, 4));
  EXPECT_EQ(ParseIsoDate("2025-04-14", &error), Day(2025, 4, 14));
  EXPECT_EQ(ParseIsoDate("0000", &error), Year(0));
  EXPECT_EQ(ParseIsoDate("9999-12-31", &error), Day(9999, 12, 31));
  EXPECT_EQ(error, "");
}

TEST(ParseIsoDateTest, IgnoresATimePart) {
  std::string error;
  EXPECT_EQ(ParseIsoDate("2025-11-10T14:00:00Z", &error), Day(2025, 11, 10));
  EXPECT_EQ(ParseIsoDate("2025-11-10T14:00:00.250+01:00", &error), Day(2025, 11, 10));
  EXPECT_EQ(ParseIsoDate("2025-11-10T14:00", &error), Day(2025, 11, 10));
  EXPECT_EQ(error, "");
}

TEST(ParseIsoDateTest, LeapDays) {
  std::string error;
  EXPECT_EQ(ParseIsoDate("2024-02-29", &error), Day(2024, 2, 29));
  EXPECT_EQ(ParseIsoDate("2000-02-29", &error), Day(2000, 2, 29));
  EXPECT_EQ(ParseIsoDate("2025-02-29", &error), std::nullopt);
  EXPECT_NE(error.find("2025-02-29"), std::string::npos) << error;
  error.clear();
  EXPECT_EQ(ParseIsoDate("1900-02-29", &error), std::nullopt);
  EXPECT_FALSE(error.empty());
}

TEST(ParseIsoDateTest, RejectsWithMessage) {
  std::string error;
  EXPECT_EQ(ParseIsoDate("2025-13-01", &error), std::nullopt);
  EXPECT_EQ(error,
            "expected an ISO 8601 date YYYY, YYYY-MM or YYYY-MM-DD, got \"2025-13-01\" (month 13)");

  for (const char* bad : {"",
                          "25",
                          "202",
                          "20251",
                          "2025-",
                          "2025-4",
                          "2025-4-14",
                          "2025-04-1",
                          "2025-00",
                          "2025-04-00",
                          "2025-04-31",
                          "2025/04/14",
                          " 2025",
                          "2025-04-14 ",
                          "+2025",
                          "-2025",
                          "2025-04-14Tnoon",
                          "2025-04-14T",
                          "2025-04-14t10:00",
                          "2025-04T10:00",
                          "2025T10",
                          "2025-04-14X",
                          "abcd",
                          "2025-04-14T10:00 extra"}) {
    error.clear();
    EXPECT_EQ(ParseIsoDate(bad, &error), std::nullopt) << bad;
    EXPECT_EQ(error.rfind("expected an ISO 8601 date", 0), 0u) << bad << ": " << error;
    EXPECT_NE(error.find(std::string("\"") + bad + "\""), std::string::npos) << error;
  }
}

TEST(ParseIsoDateTest, NullErrorIsAllowed) {
  EXPECT_EQ(ParseIsoDate("2025-13", nullptr), std::nullopt);
  EXPECT_EQ(ParseIsoDate("2025-12", nullptr), Month(2025, 12));
}

// ---------------------------------------------------------------------------------------------
// Units and scale words

void ExpectUnit(const char* text, const char* base, Dimension dimension, double to_base) {
  const Unit unit = ParseUnit(text);
  EXPECT_EQ(unit.base, base) << text;
  EXPECT_EQ(unit.dimension, dimension) << text;
  EXPECT_DOUBLE_EQ(unit.to_base, to_base) << text;
}

TEST(ParseUnitTest, Durations) {
  for (const char* day : {"day", "days", "d", "  Days ", "DAY"}) {
    ExpectUnit(day, "day", Dimension::kDuration, 1.0);
  }
  for (const char* week : {"week", "weeks", "wk", "w", "WK"}) {
    ExpectUnit(week, "day", Dimension::kDuration, 7.0);
  }
  for (const char* month : {"month", "months", "mo", "Months"}) {
    ExpectUnit(month, "day", Dimension::kDuration, 30.436875);
  }
  for (const char* year : {"year", "years", "yr", "y", " Years"}) {
    ExpectUnit(year, "day", Dimension::kDuration, 365.2425);
  }
  for (const char* hour : {"hour", "hours", "h"}) {
    ExpectUnit(hour, "day", Dimension::kDuration, 1.0 / 24.0);
  }
}

TEST(ParseUnitTest, Counts) {
  for (const char* count :
       {"", "  ", "count", "items", "members", "people", "persons", "partners", "People"}) {
    ExpectUnit(count, "count", Dimension::kDimensionless, 1.0);
  }
}

TEST(ParseUnitTest, Currencies) {
  for (const char* usd : {"$", "usd", "USD", "dollar", "dollars", "US Dollars", "us  dollar"}) {
    ExpectUnit(usd, "USD", Dimension::kCurrency, 1.0);
  }
  for (const char* eur : {"eur", "EUR", "euro", "euros", "\xe2\x82\xac"}) {
    ExpectUnit(eur, "EUR", Dimension::kCurrency, 1.0);
  }
  for (const char* gbp : {"gbp", "pound", "Pounds", "\xc2\xa3"}) {
    ExpectUnit(gbp, "GBP", Dimension::kCurrency, 1.0);
  }
  ExpectUnit("chf", "CHF", Dimension::kCurrency, 1.0);
  ExpectUnit(" Jpy ", "JPY", Dimension::kCurrency, 1.0);
}

TEST(ParseUnitTest, OtherUnitsKeepTheirText) {
  ExpectUnit("furlongs", "furlongs", Dimension::kOther, 1.0);
  ExpectUnit("  Light Years ", "light years", Dimension::kOther, 1.0);
  ExpectUnit("km2", "km2", Dimension::kOther, 1.0);
}

TEST(ParseScaleWordTest, KnownWords) {
  EXPECT_EQ(ParseScaleWord(""), 1.0);
  EXPECT_EQ(ParseScaleWord("  "), 1.0);
  EXPECT_EQ(ParseScaleWord("thousand"), 1e3);
  EXPECT_EQ(ParseScaleWord("K"), 1e3);
  EXPECT_EQ(ParseScaleWord(" Million "), 1e6);
  EXPECT_EQ(ParseScaleWord("m"), 1e6);
  EXPECT_EQ(ParseScaleWord("mn"), 1e6);
  EXPECT_EQ(ParseScaleWord("billion"), 1e9);
  EXPECT_EQ(ParseScaleWord("bn"), 1e9);
  EXPECT_EQ(ParseScaleWord("B"), 1e9);
  EXPECT_EQ(ParseScaleWord("trillion"), 1e12);
  EXPECT_EQ(ParseScaleWord("tn"), 1e12);
  EXPECT_EQ(ParseScaleWord("dozen"), std::nullopt);
  EXPECT_EQ(ParseScaleWord("millions"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// Values

TEST(ValueTest, Booleans) {
  const Value yes = Value::Boolean(true);
  EXPECT_EQ(yes.kind(), ValueKind::kBoolean);
  EXPECT_TRUE(yes.boolean());
  EXPECT_TRUE(yes.IsKnown());
  EXPECT_EQ(yes.ToDisplay(), "true");
  EXPECT_EQ(Value::Boolean(false).ToDisplay(), "false");
  EXPECT_TRUE(Compatible(yes, Value::Boolean(true), Tolerance{}));
  EXPECT_FALSE(Compatible(yes, Value::Boolean(false), Tolerance{}));
}

TEST(ValueTest, CategoriesAreNormalised) {
  const Value category = Value::Category("  Pending   Review ");
  EXPECT_EQ(category.kind(), ValueKind::kCategory);
  EXPECT_EQ(category.text(), "pending review");
  EXPECT_EQ(category.ToDisplay(), "pending review");
  EXPECT_EQ(category, Value::Category("pending review"));
  EXPECT_TRUE(Compatible(category, Value::Category("PENDING\t\nREVIEW"), Tolerance{}));
  EXPECT_FALSE(Compatible(category, Value::Category("pendingreview"), Tolerance{}));
  EXPECT_FALSE(Compatible(category, Value::Category("approved"), Tolerance{}));
  // Non-ASCII bytes are kept as they are (only ASCII letters are lower-cased).
  EXPECT_EQ(Value::Category("CAF\xc3\x89  Noir").text(), "caf\xc3\x89 noir");
}

TEST(ValueTest, StringsKeepCaseButCompareWithout) {
  const Value text = Value::String("  The   Hague ");
  EXPECT_EQ(text.kind(), ValueKind::kString);
  EXPECT_EQ(text.text(), "The Hague");
  EXPECT_EQ(text.ToDisplay(), "The Hague");
  EXPECT_TRUE(Compatible(text, Value::String("the hague"), Tolerance{}));
  EXPECT_TRUE(Compatible(text, Value::String("THE\tHAGUE"), Tolerance{}));
  EXPECT_FALSE(Compatible(text, Value::String("The Hagues"), Tolerance{}));
  // Same text, different kinds: never compatible.
  EXPECT_FALSE(Compatible(Value::String("pending"), Value::Category("pending"), Tolerance{}));
}

TEST(ValueTest, QuantitiesConvertToBaseUnits) {
  const Value six_months = Value::Quantity(6, "month");
  EXPECT_EQ(six_months.kind(), ValueKind::kQuantity);
  EXPECT_EQ(six_months.text(), "day");
  ASSERT_TRUE(six_months.magnitude().has_value());
  EXPECT_DOUBLE_EQ(*six_months.magnitude(), 6 * 365.2425 / 12);
  EXPECT_TRUE(six_months.IsKnown());

  const Value reward = Value::Quantity(10, "$", "million");
  EXPECT_EQ(reward.text(), "USD");
  EXPECT_DOUBLE_EQ(*reward.magnitude(), 1e7);
  EXPECT_DOUBLE_EQ(*Value::Quantity(2.5, "k", "").magnitude(), 2.5);  // "k" is no unit
  EXPECT_DOUBLE_EQ(*Value::Quantity(3, "weeks", "thousand").magnitude(), 21000);
  EXPECT_DOUBLE_EQ(*Value::Quantity(36, "hours").magnitude(), 1.5);
  EXPECT_EQ(Value::Quantity(90, "").text(), "count");
}

TEST(ValueTest, QuantityDisplay) {
  EXPECT_EQ(Value::Quantity(6, "month").ToDisplay(), "6 month");
  EXPECT_EQ(Value::Quantity(180, "day").ToDisplay(), "180 day");
  EXPECT_EQ(Value::Quantity(10, "USD", "million").ToDisplay(), "10 million USD");
  EXPECT_EQ(Value::Quantity(std::nullopt, "USD", "million").ToDisplay(), "unknown million USD");
  EXPECT_EQ(Value::Quantity(90, "count").ToDisplay(), "90 count");
  EXPECT_EQ(Value::Quantity(90, "").ToDisplay(), "90 count");
  EXPECT_EQ(Value::Quantity(2.5, "day").ToDisplay(), "2.5 day");
  EXPECT_EQ(Value::Quantity(-0.125, "day").ToDisplay(), "-0.125 day");
  EXPECT_EQ(Value::Quantity(1234567.5, "day").ToDisplay(), "1234567.5 day");
  EXPECT_EQ(Value::Quantity(1.0 / 3.0, "day").ToDisplay(), "0.333333333333333 day");
  EXPECT_EQ(Value::Quantity(0.1, "day").ToDisplay(), "0.1 day");
}

TEST(ValueTest, QuantityCompatibility) {
  const Tolerance tolerance;  // 2% relative
  // 6 months = 182.62125 days: 2.62 days from 180, within 2% of 182.62 (3.65 days).
  EXPECT_TRUE(Compatible(Value::Quantity(6, "months"), Value::Quantity(180, "days"), tolerance));
  EXPECT_TRUE(Compatible(Value::Quantity(180, "days"), Value::Quantity(6, "months"), tolerance));
  // ... but not within 1% (1.83 days).
  EXPECT_FALSE(
      Compatible(Value::Quantity(6, "months"), Value::Quantity(180, "days"), Tolerance{0.01, 0.0}));
  // 6 vs 7 months: 30.4 days apart, allowed 2% of 213 = 4.3 days.
  EXPECT_FALSE(Compatible(Value::Quantity(6, "month"), Value::Quantity(7, "month"), tolerance));
  // Exact conversions need no tolerance.
  EXPECT_TRUE(
      Compatible(Value::Quantity(1, "week"), Value::Quantity(7, "days"), Tolerance{0.0, 0.0}));
  EXPECT_TRUE(Compatible(Value::Quantity(10, "USD", "million"), Value::Quantity(1e7, "dollars"),
                         Tolerance{0.0, 0.0}));
  // Absolute tolerance: 90 vs 88 is 2.2% apart, accepted only with an absolute slack of 2.
  EXPECT_FALSE(Compatible(Value::Quantity(90, "count"), Value::Quantity(88, "people"), tolerance));
  EXPECT_TRUE(Compatible(Value::Quantity(90, "count"), Value::Quantity(88, "people"),
                         Tolerance{0.02, 2.0}));
  EXPECT_FALSE(Compatible(Value::Quantity(90, "count"), Value::Quantity(87.9, "people"),
                          Tolerance{0.02, 2.0}));
}

TEST(ValueTest, QuantitiesOfDifferentUnitsNeverAgree) {
  const Tolerance loose{1.0, 1e12};
  EXPECT_FALSE(Compatible(Value::Quantity(10, "USD"), Value::Quantity(10, "EUR"), loose));
  EXPECT_FALSE(Compatible(Value::Quantity(10, "$"), Value::Quantity(10, "\xc2\xa3"), loose));
  EXPECT_FALSE(Compatible(Value::Quantity(10, "day"), Value::Quantity(10, "count"), loose));
  EXPECT_FALSE(Compatible(Value::Quantity(10, "day"), Value::Quantity(10, "furlongs"), loose));
  EXPECT_TRUE(Compatible(Value::Quantity(10, "Furlongs"), Value::Quantity(10, "furlongs"),
                         Tolerance{0.0, 0.0}));
}

TEST(ValueTest, UnknownMagnitudeMatchesNothing) {
  const Value unknown = Value::Quantity(std::nullopt, "USD", "million");
  EXPECT_FALSE(unknown.IsKnown());
  EXPECT_EQ(unknown.magnitude(), std::nullopt);
  EXPECT_EQ(unknown.text(), "USD");
  const Tolerance loose{1.0, 1e12};
  EXPECT_FALSE(Compatible(unknown, unknown, loose));
  EXPECT_FALSE(Compatible(unknown, Value::Quantity(std::nullopt, "USD", "million"), loose));
  EXPECT_FALSE(Compatible(unknown, Value::Quantity(10, "USD", "million"), loose));
  EXPECT_FALSE(Compatible(Value::Quantity(10, "USD", "million"), unknown, loose));
  // Still equal as data, so the same statement can be recognised.
  EXPECT_EQ(unknown, Value::Quantity(std::nullopt, "USD", "million"));
}

TEST(ValueTest, Dates) {
  const Value april = Value::FromDate(Month(2025, 4));
  EXPECT_EQ(april.kind(), ValueKind::kDate);
  EXPECT_EQ(april.date(), Month(2025, 4));
  EXPECT_TRUE(april.IsKnown());
  EXPECT_EQ(april.ToDisplay(), "2025-04");
  EXPECT_EQ(Value::FromDate(Day(2025, 4, 14)).ToDisplay(), "2025-04-14");
  EXPECT_EQ(Value::FromDate(Year(2025)).ToDisplay(), "2025");
}

TEST(ValueTest, DatesAgreeAtTheCoarserGranularity) {
  EXPECT_TRUE(DatesCompatible(Year(2025), Day(2025, 1, 1)));
  EXPECT_TRUE(DatesCompatible(Year(2025), Day(2025, 12, 31)));
  EXPECT_TRUE(DatesCompatible(Day(2025, 12, 31), Year(2025)));
  EXPECT_FALSE(DatesCompatible(Year(2025), Day(2026, 1, 1)));
  EXPECT_FALSE(DatesCompatible(Year(2025), Day(2024, 12, 31)));
  EXPECT_TRUE(DatesCompatible(Year(2025), Month(2025, 7)));
  EXPECT_FALSE(DatesCompatible(Year(2025), Year(2024)));
  EXPECT_TRUE(DatesCompatible(Month(2025, 4), Day(2025, 4, 14)));
  EXPECT_TRUE(DatesCompatible(Day(2025, 4, 30), Month(2025, 4)));
  EXPECT_FALSE(DatesCompatible(Month(2025, 4), Day(2025, 5, 1)));
  EXPECT_FALSE(DatesCompatible(Month(2025, 4), Month(2025, 5)));
  EXPECT_FALSE(DatesCompatible(Month(2025, 4), Month(2024, 4)));
  EXPECT_TRUE(DatesCompatible(Day(2025, 4, 14), Day(2025, 4, 14)));
  EXPECT_FALSE(DatesCompatible(Day(2025, 4, 14), Day(2025, 4, 15)));
  EXPECT_FALSE(Compatible(Value::FromDate(Year(2025)), Value::String("2025"), Tolerance{}));
}

}  // namespace
}  // namespace credence

// Checks on claimed and declared values: units of the predicate's dimension (with a did-you-mean
// for misspelt units), finite magnitudes, closed domains whose values are told apart.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "credence/error.h"
#include "credence/input.h"
#include "input/domain_check.h"
#include "input/unit_check.h"

namespace credence {
namespace {

using input_internal::FindAgreeingValues;
using input_internal::UnitMismatch;

TEST(UnitCheck, SameDimensionPassesOtherDimensionsAndUnknownUnitsDoNot) {
  EXPECT_FALSE(UnitMismatch("weeks", "day", "p").has_value());
  EXPECT_FALSE(UnitMismatch("KM", "km", "p").has_value());    // an unknown unit: itself only
  EXPECT_FALSE(UnitMismatch("EUR", "USD", "p").has_value());  // currencies, never converted
  EXPECT_TRUE(UnitMismatch("USD", "day", "p").has_value());
  EXPECT_TRUE(UnitMismatch("kilometres", "day", "p").has_value());
  EXPECT_TRUE(UnitMismatch("fortnights-ish", "day", "p").has_value());
  EXPECT_TRUE(UnitMismatch("miles", "km", "p").has_value());
  const std::optional<std::string> typo = UnitMismatch("dyas", "day", "length");
  ASSERT_TRUE(typo.has_value());
  EXPECT_EQ(*typo,
            "unit \"dyas\" cannot be converted to the unit \"day\" of predicate \"length\" (a "
            "unit credence does not know, not a duration); did you mean \"days\"?");
  EXPECT_NE(UnitMismatch("monhts", "day", "p")->find("did you mean \"months\"?"),
            std::string::npos);
}

TEST(UnitCheck, AnOverflowingAmountIsRefused) {
  EXPECT_FALSE(input_internal::NonFiniteQuantity(Value::Quantity(1e300, "USD")).has_value());
  EXPECT_FALSE(input_internal::NonFiniteQuantity(Value::Quantity(std::nullopt, "USD", "trillion"))
                   .has_value());
  EXPECT_TRUE(
      input_internal::NonFiniteQuantity(Value::Quantity(1e300, "USD", "trillion")).has_value());
  EXPECT_TRUE(input_internal::NonFiniteQuantity(Value::Quantity(1.7e308, "year")).has_value());
  EXPECT_TRUE(input_internal::NonFiniteQuantity(Value::Quantity(-1.7e308, "year")).has_value());
}

TEST(DomainCheck, AgreeingValuesAreFoundWhateverTheirOrder) {
  const Tolerance two_percent;
  EXPECT_EQ(FindAgreeingValues(
                {Value::Quantity(100, ""), Value::Quantity(50, ""), Value::Quantity(101, "")},
                two_percent),
            (std::pair<std::size_t, std::size_t>{0, 2}));
  // 100 and 103 are 2.9% apart: distinct.
  EXPECT_FALSE(
      FindAgreeingValues({Value::Quantity(100, ""), Value::Quantity(103, "")}, two_percent));
  const auto date = [](int y, int m, int d) {
    const DateGranularity g = d > 0   ? DateGranularity::kDay
                              : m > 0 ? DateGranularity::kMonth
                                      : DateGranularity::kYear;
    return Value::FromDate(Date{y, m, d, g});
  };
  EXPECT_EQ(FindAgreeingValues({date(2025, 4, 0), date(2024, 0, 0), date(2025, 0, 0)}, two_percent),
            (std::pair<std::size_t, std::size_t>{0, 2}));
  EXPECT_FALSE(
      FindAgreeingValues({date(2024, 0, 0), date(2025, 4, 0), date(2025, 5, 1)}, two_percent));
  EXPECT_EQ(FindAgreeingValues(
                {Value::Category("Open"), Value::Category("closed"), Value::Category("open ")},
                two_percent),
            (std::pair<std::size_t, std::size_t>{0, 2}));
  EXPECT_FALSE(FindAgreeingValues({Value::Category("a")}, two_percent));
}

std::vector<Diagnostic> Errors(const std::string& text) {
  try {
    (void)ParseClaimsDocument(text, "doc.json");
  } catch (const InputError& error) {
    std::vector<Diagnostic> errors;
    for (const Diagnostic& d : error.diagnostics()) {
      if (d.severity == Severity::kError) errors.push_back(d);
    }
    return errors;
  }
  return {};
}

TEST(ValueChecks, TheDocumentReaderLocatesEachProblem) {
  const std::vector<Diagnostic> errors = Errors(R"({
    "outlets": [{"id": "o"}],
    "predicates": [
      {"id": "len", "value_kind": "quantity", "unit": "day"},
      {"id": "money", "value_kind": "quantity", "unit": "USD"},
      {"id": "status", "value_kind": "category", "values": ["Open", "closed", "open "]}],
    "articles": [{"id": "a", "outlet": "o", "published": "2025-01-01", "claims": [
      {"id": "c1", "subject": "s", "predicate": "len", "value": {"amount": 2, "unit": "miles"}},
      {"id": "c2", "subject": "s", "predicate": "money",
       "value": {"amount": 1e300, "scale": "trillion"}}]}]
  })");
  ASSERT_EQ(errors.size(), 3U) << InputError(errors).what();
  EXPECT_EQ(errors[0].where.pointer, "/predicates/2/values/2");
  EXPECT_EQ(errors[0].message.substr(0, 39), "duplicate allowed values: \"Open\" (at /p");
  EXPECT_EQ(errors[1].where.pointer, "/articles/0/claims/0/value/unit");
  EXPECT_EQ(errors[2].where.pointer, "/articles/0/claims/1/value");
  EXPECT_NE(errors[2].message.find("overflows to infinity"), std::string::npos);
}

}  // namespace
}  // namespace credence

// Typed claim values: booleans, categories, quantities with units, dates of varying granularity
// and free strings, and the rule that says when two values of one proposition agree.
#ifndef CREDENCE_VALUE_H_
#define CREDENCE_VALUE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace credence {

enum class ValueKind : std::uint8_t { kBoolean, kCategory, kQuantity, kDate, kString };

std::string_view ToString(ValueKind kind);
std::optional<ValueKind> ParseValueKind(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Dates

enum class DateGranularity : std::uint8_t { kYear, kMonth, kDay };

// A calendar date known to a year, a month or a day ("2025", "2025-04", "2025-04-14").
struct Date {
  int year = 1970;
  int month = 0;  // 1..12, 0 when granularity is kYear
  int day = 0;    // 1..31, 0 unless granularity is kDay
  DateGranularity granularity = DateGranularity::kDay;

  // Days since 1970-01-01 of the first and last day of the period the date names.
  std::int32_t FirstDay() const;
  std::int32_t LastDay() const;
  std::string ToIso() const;

  friend bool operator==(const Date&, const Date&) = default;
};

// Parses ISO 8601 "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a time part "THH:MM..." is accepted and
// ignored). Returns nullopt and sets *error to what was expected on failure.
std::optional<Date> ParseIsoDate(std::string_view text, std::string* error);

// Proleptic Gregorian calendar conversions (H. Hinnant's days_from_civil algorithm).
std::int32_t DaysFromCivil(int year, int month, int day);
Date CivilFromDays(std::int32_t days);
std::string FormatIsoDay(std::int32_t days);

// ---------------------------------------------------------------------------------------------
// Units

enum class Dimension : std::uint8_t { kDimensionless, kDuration, kCurrency, kOther };

// A unit resolved to its dimension's base unit: durations to days, counts to "count",
// currencies to their ISO code (USD and EUR are not convertible), anything else to itself.
struct Unit {
  std::string base;  // "day", "count", "USD", or the normalised unit text
  Dimension dimension = Dimension::kOther;
  double to_base = 1.0;  // multiply an amount in this unit by this to get base units
};

// Accepts singular and plural names and common abbreviations ("days", "wk", "months", "yr",
// "$", "usd", "dollars", "euro"...). Unknown units are kept as their own dimension.
Unit ParseUnit(std::string_view text);

// The unit names ParseUnit knows (lower case), in the order docs/format.md lists them. Three
// letters that are none of them read as a currency code.
std::span<const std::string_view> KnownUnitNames();

// "thousand" 1e3, "million" 1e6, "billion" 1e9, "trillion" 1e12 (also "k", "m", "bn").
std::optional<double> ParseScaleWord(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Values

// Per-predicate agreement tolerance for quantities: |a - b| <= max(absolute, relative * max(|a|,
// |b|)). The default relative tolerance accepts "six months" ~ "180 days" (182.6 vs 180 days,
// 1.4% apart) and rejects 6 vs 7 months.
struct Tolerance {
  double relative = 0.02;
  double absolute = 0.0;
};

class Value {
 public:
  Value() = default;
  static Value Boolean(bool value);
  // Normalised: trimmed, lower-cased (ASCII), inner whitespace collapsed to one space.
  static Value Category(std::string_view text);
  // amount is in `unit`, times the scale word (10 million USD: amount 10, scale "million"; an
  // unknown scale word counts as 1, so callers check it with ParseScaleWord first). A missing
  // amount means the magnitude is unknown: such a value matches nothing and is never a number.
  static Value Quantity(std::optional<double> amount, std::string_view unit,
                        std::string_view scale_word = "");
  static Value FromDate(const Date& date);
  // Whitespace-collapsed; compared case-insensitively.
  static Value String(std::string_view text);

  ValueKind kind() const { return kind_; }
  bool boolean() const { return boolean_; }
  const std::string& text() const { return text_; }  // category/string text, quantity base unit
  std::optional<double> magnitude() const { return magnitude_; }  // quantity in base units
  const Date& date() const { return date_; }

  // False only for a quantity whose magnitude is unknown.
  bool IsKnown() const;

  // Human-readable form: "true", "pending", "180 day", "2025-04", "unknown million USD".
  std::string ToDisplay() const;

  friend bool operator==(const Value&, const Value&) = default;

 private:
  ValueKind kind_ = ValueKind::kString;
  bool boolean_ = false;
  std::string text_;
  std::optional<double> magnitude_;
  std::string display_;  // quantities: as written, e.g. "6 month", "unknown million USD"
  Date date_{};
};

// True when two values of the same proposition say the same thing: equal booleans; equal
// normalised categories/strings; quantities of one dimension within tolerance (unknown
// magnitudes match nothing); dates that agree at the coarser of their granularities.
bool Compatible(const Value& a, const Value& b, const Tolerance& tolerance);

}  // namespace credence

#endif  // CREDENCE_VALUE_H_

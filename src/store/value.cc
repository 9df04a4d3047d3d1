// Typed values: parsing of dates, units and scale words, normalisation, and compatibility.
#include "credence/value.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace credence {

std::string_view ToString(ValueKind kind) {
  switch (kind) {
    case ValueKind::kBoolean:
      return "boolean";
    case ValueKind::kCategory:
      return "category";
    case ValueKind::kQuantity:
      return "quantity";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kString:
      return "string";
  }
  return "unknown";
}

std::optional<ValueKind> ParseValueKind(std::string_view text) {
  for (ValueKind kind : {ValueKind::kBoolean, ValueKind::kCategory, ValueKind::kQuantity,
                         ValueKind::kDate, ValueKind::kString}) {
    if (ToString(kind) == text) return kind;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Dates

namespace {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Parses exactly `digits` ASCII digits at text[pos].
std::optional<int> ParseDigits(std::string_view text, std::size_t pos, std::size_t digits) {
  if (pos + digits > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::string Quoted(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string quoted = "\"";
  quoted += text.substr(0, kMax);
  if (text.size() > kMax) quoted += "...";
  quoted += '"';
  return quoted;
}

}  // namespace

// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of 400 years (146097 days)
// starting on March 1st, so that the leap day is the last day of a year.
std::int32_t DaysFromCivil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int month_from_march = month > 2 ? month - 3 : month + 9;
  const int day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Date CivilFromDays(std::int32_t days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int day_of_era = z - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int month_from_march = (5 * day_of_year + 2) / 153;
  Date date;
  date.day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  date.month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  date.year = year_of_era + era * 400 + (date.month <= 2 ? 1 : 0);
  date.granularity = DateGranularity::kDay;
  return date;
}

std::string FormatIsoDay(std::int32_t days) { return CivilFromDays(days).ToIso(); }

std::int32_t Date::FirstDay() const {
  return DaysFromCivil(year, month == 0 ? 1 : month, day == 0 ? 1 : day);
}

std::int32_t Date::LastDay() const {
  switch (granularity) {
    case DateGranularity::kYear:
      return DaysFromCivil(year, 12, 31);
    case DateGranularity::kMonth:
      return DaysFromCivil(year, month, DaysInMonth(year, month));
    case DateGranularity::kDay:
      break;
  }
  return DaysFromCivil(year, month, day);
}

std::string Date::ToIso() const {
  char buffer[48];  // room for any int, so that no output is ever truncated
  switch (granularity) {
    case DateGranularity::kYear:
      std::snprintf(buffer, sizeof buffer, "%04d", year);
      break;
    case DateGranularity::kMonth:
      std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
      break;
    case DateGranularity::kDay:
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
      break;
  }
  return buffer;
}

std::optional<Date> ParseIsoDate(std::string_view text, std::string* error) {
  const auto fail = [&](const std::string& why) -> std::optional<Date> {
    if (error != nullptr) {
      *error = "expected an ISO 8601 date YYYY, YYYY-MM or YYYY-MM-DD, got " + Quoted(text) +
               (why.empty() ? "" : " (" + why + ")");
    }
    return std::nullopt;
  };
  Date date;
  const std::optional<int> year = ParseDigits(text, 0, 4);
  if (!year) return fail("");
  date.year = *year;
  date.granularity = DateGranularity::kYear;
  std::size_t pos = 4;
  if (pos < text.size() && text[pos] == '-') {
    const std::optional<int> month = ParseDigits(text, pos + 1, 2);
    if (!month) return fail("");
    if (*month < 1 || *month > 12) return fail("month " + std::to_string(*month));
    date.month = *month;
    date.granularity = DateGranularity::kMonth;
    pos += 3;
    if (pos < text.size() && text[pos] == '-') {
      const std::optional<int> day = ParseDigits(text, pos + 1, 2);
      if (!day) return fail("");
      if (*day < 1 || *day > DaysInMonth(date.year, date.month)) {
        return fail(date.ToIso() + " has no day " + std::to_string(*day));
      }
      date.day = *day;
      date.granularity = DateGranularity::kDay;
      pos += 3;
    }
  }
  if (pos == text.size()) return date;
  // A time of day after a full date is accepted and ignored: claims are dated to the day.
  if (date.granularity != DateGranularity::kDay || text[pos] != 'T') return fail("");
  if (pos + 1 == text.size() || std::isdigit(static_cast<unsigned char>(text[pos + 1])) == 0) {
    return fail("expected a time of day after 'T'");
  }
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.' || c == 'Z' ||
          c == '+' || c == '-')) {
      return fail("unexpected time part");
    }
  }
  return date;
}

// ---------------------------------------------------------------------------------------------
// Units

namespace {

std::string_view Trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// Trimmed, inner whitespace runs collapsed to one space.
std::string CollapseWhitespace(std::string_view text) {
  std::string result;
  bool pending_space = false;
  for (char c : Trim(text)) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      pending_space = true;
      continue;
    }
    if (pending_space) result += ' ';
    pending_space = false;
    result += c;
  }
  return result;
}

struct UnitName {
  std::string_view name;
  std::string_view base;
  Dimension dimension;
  double to_base;
};

constexpr double kDaysPerYear = 365.2425;

constexpr UnitName kUnitNames[] = {
    {"day", "day", Dimension::kDuration, 1.0},
    {"days", "day", Dimension::kDuration, 1.0},
    {"d", "day", Dimension::kDuration, 1.0},
    {"week", "day", Dimension::kDuration, 7.0},
    {"weeks", "day", Dimension::kDuration, 7.0},
    {"wk", "day", Dimension::kDuration, 7.0},
    {"w", "day", Dimension::kDuration, 7.0},
    {"month", "day", Dimension::kDuration, kDaysPerYear / 12.0},
    {"months", "day", Dimension::kDuration, kDaysPerYear / 12.0},
    {"mo", "day", Dimension::kDuration, kDaysPerYear / 12.0},
    {"year", "day", Dimension::kDuration, kDaysPerYear},
    {"years", "day", Dimension::kDuration, kDaysPerYear},
    {"yr", "day", Dimension::kDuration, kDaysPerYear},
    {"y", "day", Dimension::kDuration, kDaysPerYear},
    {"hour", "day", Dimension::kDuration, 1.0 / 24.0},
    {"hours", "day", Dimension::kDuration, 1.0 / 24.0},
    {"h", "day", Dimension::kDuration, 1.0 / 24.0},
    {"", "count", Dimension::kDimensionless, 1.0},
    {"count", "count", Dimension::kDimensionless, 1.0},
    {"items", "count", Dimension::kDimensionless, 1.0},
    {"members", "count", Dimension::kDimensionless, 1.0},
    {"people", "count", Dimension::kDimensionless, 1.0},
    {"persons", "count", Dimension::kDimensionless, 1.0},
    {"partners", "count", Dimension::kDimensionless, 1.0},
    {"$", "USD", Dimension::kCurrency, 1.0},
    {"usd", "USD", Dimension::kCurrency, 1.0},
    {"dollar", "USD", Dimension::kCurrency, 1.0},
    {"dollars", "USD", Dimension::kCurrency, 1.0},
    {"us dollar", "USD", Dimension::kCurrency, 1.0},
    {"us dollars", "USD", Dimension::kCurrency, 1.0},
    {"eur", "EUR", Dimension::kCurrency, 1.0},
    {"euro", "EUR", Dimension::kCurrency, 1.0},
    {"euros", "EUR", Dimension::kCurrency, 1.0},
    {"\xe2\x82\xac", "EUR", Dimension::kCurrency, 1.0},  // the euro sign in UTF-8
    {"gbp", "GBP", Dimension::kCurrency, 1.0},
    {"pound", "GBP", Dimension::kCurrency, 1.0},
    {"pounds", "GBP", Dimension::kCurrency, 1.0},
    {"\xc2\xa3", "GBP", Dimension::kCurrency, 1.0},  // the pound sign in UTF-8
};

}  // namespace

std::span<const std::string_view> KnownUnitNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> list;
    for (const UnitName& unit : kUnitNames) {
      if (!unit.name.empty()) list.push_back(unit.name);
    }
    return list;
  }();
  return names;
}

Unit ParseUnit(std::string_view text) {
  const std::string key = AsciiLower(CollapseWhitespace(text));
  for (const UnitName& unit : kUnitNames) {
    if (unit.name == key) return {std::string(unit.base), unit.dimension, unit.to_base};
  }
  const bool is_code = key.size() == 3 && std::all_of(key.begin(), key.end(), [](char c) {
                         return std::isalpha(static_cast<unsigned char>(c)) != 0;
                       });
  if (is_code) {
    std::string code = key;
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return {code, Dimension::kCurrency, 1.0};
  }
  return {key, Dimension::kOther, 1.0};
}

std::optional<double> ParseScaleWord(std::string_view text) {
  const std::string key = AsciiLower(Trim(text));
  if (key.empty()) return 1.0;
  if (key == "thousand" || key == "k") return 1e3;
  if (key == "million" || key == "m" || key == "mn") return 1e6;
  if (key == "billion" || key == "bn" || key == "b") return 1e9;
  if (key == "trillion" || key == "tn") return 1e12;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Values

namespace {

std::string FormatAmount(double amount) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", amount);
  return buffer;
}

}  // namespace

Value Value::Boolean(bool value) {
  Value v;
  v.kind_ = ValueKind::kBoolean;
  v.boolean_ = value;
  return v;
}

Value Value::Category(std::string_view text) {
  Value v;
  v.kind_ = ValueKind::kCategory;
  v.text_ = AsciiLower(CollapseWhitespace(text));
  return v;
}

Value Value::String(std::string_view text) {
  Value v;
  v.kind_ = ValueKind::kString;
  v.text_ = CollapseWhitespace(text);
  return v;
}

Value Value::Quantity(std::optional<double> amount, std::string_view unit,
                      std::string_view scale_word) {
  const Unit parsed = ParseUnit(unit);
  const double scale = ParseScaleWord(scale_word).value_or(1.0);
  Value v;
  v.kind_ = ValueKind::kQuantity;
  v.text_ = parsed.base;
  if (amount) v.magnitude_ = *amount * scale * parsed.to_base;
  const std::string scale_text(Trim(scale_word));
  v.display_ = amount ? FormatAmount(*amount) : std::string("unknown");
  if (!scale_text.empty()) v.display_ += " " + AsciiLower(scale_text);
  const std::string unit_text = CollapseWhitespace(unit);
  v.display_ += " " + (unit_text.empty() ? std::string("count") : unit_text);
  return v;
}

Value Value::FromDate(const Date& date) {
  Value v;
  v.kind_ = ValueKind::kDate;
  v.date_ = date;
  return v;
}

bool Value::IsKnown() const { return kind_ != ValueKind::kQuantity || magnitude_.has_value(); }

std::string Value::ToDisplay() const {
  switch (kind_) {
    case ValueKind::kBoolean:
      return boolean_ ? "true" : "false";
    case ValueKind::kCategory:
    case ValueKind::kString:
      return text_;
    case ValueKind::kQuantity:
      return display_;
    case ValueKind::kDate:
      return date_.ToIso();
  }
  return {};
}

bool Compatible(const Value& a, const Value& b, const Tolerance& tolerance) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case ValueKind::kBoolean:
      return a.boolean() == b.boolean();
    case ValueKind::kCategory:
      return a.text() == b.text();
    case ValueKind::kString:
      return AsciiLower(a.text()) == AsciiLower(b.text());
    case ValueKind::kQuantity: {
      if (!a.magnitude() || !b.magnitude() || a.text() != b.text()) return false;
      const double x = *a.magnitude();
      const double y = *b.magnitude();
      const double allowed =
          std::max(tolerance.absolute, tolerance.relative * std::max(std::abs(x), std::abs(y)));
      return std::abs(x - y) <= allowed;
    }
    case ValueKind::kDate: {
      // At the coarser granularity: the coarser date's period contains the finer date's.
      const Date& coarse = a.date().granularity <= b.date().granularity ? a.date() : b.date();
      const Date& fine = &coarse == &a.date() ? b.date() : a.date();
      return coarse.FirstDay() <= fine.FirstDay() && fine.LastDay() <= coarse.LastDay();
    }
  }
  return false;
}

}  // namespace credence

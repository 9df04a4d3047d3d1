// libFuzzer target: ISO 8601 date parsing and the calendar conversions. Besides not crashing, a
// parsed date must print back to text that parses to the same date, and its first and last days
// must round-trip through the civil calendar.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "credence/value.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const std::optional<credence::Date> date = credence::ParseIsoDate(text, &error);
  if (!date) {
    if (error.empty()) std::abort();  // a refusal must say what was expected
    return 0;
  }
  std::string again_error;
  const std::optional<credence::Date> again = credence::ParseIsoDate(date->ToIso(), &again_error);
  if (!again || !(*again == *date)) std::abort();
  const std::int32_t first = date->FirstDay();
  const std::int32_t last = date->LastDay();
  if (first > last) std::abort();
  const credence::Date day = credence::CivilFromDays(first);
  if (credence::DaysFromCivil(day.year, day.month, day.day) != first) std::abort();
  (void)credence::FormatIsoDay(last);
  (void)credence::Value::FromDate(*date).ToDisplay();
  return 0;
}

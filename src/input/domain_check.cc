#include "input/domain_check.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <tuple>

namespace credence::input_internal {

std::optional<std::pair<std::size_t, std::size_t>> FindAgreeingValues(
    const std::vector<Value>& values, const Tolerance& tolerance) {
  if (values.size() < 2) return std::nullopt;
  const ValueKind kind = values.front().kind();
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Sorted so that agreeing values become neighbours (dates: a period before the periods it
  // holds); ties keep input order, so the earlier of two equal values comes first.
  const auto key_less = [&](std::size_t a, std::size_t b) {
    const Value& x = values[a];
    const Value& y = values[b];
    switch (kind) {
      case ValueKind::kQuantity:
        return std::make_tuple(x.text(), x.magnitude().value_or(0.0)) <
               std::make_tuple(y.text(), y.magnitude().value_or(0.0));
      case ValueKind::kDate:
        return std::make_tuple(x.date().FirstDay(), static_cast<int>(x.date().granularity)) <
               std::make_tuple(y.date().FirstDay(), static_cast<int>(y.date().granularity));
      case ValueKind::kBoolean:
        return x.boolean() < y.boolean();
      case ValueKind::kCategory:
      case ValueKind::kString:
        break;
    }
    return x.ToDisplay() < y.ToDisplay();
  };
  std::stable_sort(order.begin(), order.end(), key_less);
  const auto found = [](std::size_t a, std::size_t b) {
    return std::optional<std::pair<std::size_t, std::size_t>>(std::minmax(a, b));
  };
  if (kind == ValueKind::kDate) {
    // A period agrees with an earlier-starting one exactly when that one has not ended yet.
    std::int32_t latest_end = values[order[0]].date().LastDay();
    std::size_t latest = order[0];
    for (std::size_t i = 1; i < order.size(); ++i) {
      const Date& date = values[order[i]].date();
      if (date.FirstDay() <= latest_end) return found(latest, order[i]);
      if (date.LastDay() > latest_end) {
        latest_end = date.LastDay();
        latest = order[i];
      }
    }
    return std::nullopt;
  }
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (Compatible(values[order[i - 1]], values[order[i]], tolerance)) {
      return found(order[i - 1], order[i]);
    }
  }
  return std::nullopt;
}

}  // namespace credence::input_internal

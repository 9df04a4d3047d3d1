#include "input/unit_check.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "credence/value.h"
#include "input/json_input.h"
#include "input/known_keys.h"

namespace credence::input_internal {

namespace {

std::string_view DimensionName(const Unit& unit) {
  switch (unit.dimension) {
    case Dimension::kDuration:
      return "a duration";
    case Dimension::kDimensionless:
      return "a count";
    case Dimension::kCurrency:
      return "a currency";
    case Dimension::kOther:
      break;
  }
  return "a unit credence does not know";
}

}  // namespace

std::optional<std::string> UnitMismatch(std::string_view claimed, std::string_view declared,
                                        std::string_view predicate) {
  const Unit claimed_unit = ParseUnit(claimed);
  const Unit declared_unit = ParseUnit(declared);
  if (claimed_unit.dimension == declared_unit.dimension &&
      (declared_unit.dimension != Dimension::kOther || claimed_unit.base == declared_unit.base)) {
    return std::nullopt;
  }
  std::string message = "unit " + Quote(claimed) + " cannot be converted to the unit " +
                        Quote(declared) + " of predicate " + Quote(predicate) + " (" +
                        std::string(DimensionName(claimed_unit)) + ", not " +
                        std::string(DimensionName(declared_unit)) + ")";
  if (claimed_unit.dimension == Dimension::kOther) {
    std::string key(claimed);
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string_view nearest;
    std::size_t best = std::max<std::size_t>(2, key.size() / 3) + 1;
    for (const std::string_view name : KnownUnitNames()) {
      if (name.size() < 3 || key.size() > 4 * name.size() + 8) continue;
      const std::size_t distance = EditDistance(key, name);
      if (distance < best) {
        best = distance;
        nearest = name;
      }
    }
    if (!nearest.empty()) {
      message += "; did you mean " + Quote(nearest) + "?";
    } else {
      message +=
          "; the known units are listed in docs/format.md, and any other unit must be "
          "written exactly as the predicate's";
    }
  }
  return message;
}

std::optional<std::string> NonFiniteQuantity(const Value& value) {
  if (value.kind() != ValueKind::kQuantity || !value.magnitude() ||
      std::isfinite(*value.magnitude())) {
    return std::nullopt;
  }
  return "the amount " + Quote(value.ToDisplay()) +
         " is too large: in base units it overflows to infinity, which would agree with every "
         "amount; expected a finite quantity (at most about 1.8e308 " +
         value.text() + ")";
}

}  // namespace credence::input_internal

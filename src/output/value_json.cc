#include "output/value_json.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace credence::output_internal {

OrderedJson ValueToJson(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kBoolean:
      return value.boolean();
    case ValueKind::kCategory:
    case ValueKind::kString:
      return value.text();
    case ValueKind::kDate:
      return value.date().ToIso();
    case ValueKind::kQuantity: {
      OrderedJson quantity = OrderedJson::object();
      quantity["amount"] = value.magnitude() ? Number(*value.magnitude()) : OrderedJson(nullptr);
      quantity["unit"] = value.text();
      quantity["text"] = value.ToDisplay();
      return quantity;
    }
  }
  return nullptr;
}

OrderedJson Number(double value) {
  if (!std::isfinite(value)) {
    return nullptr;
  }
  return value + 0.0;  // -0.0 + 0.0 is +0.0: a zero is never written as -0.0
}

OrderedJson ShortestNumber(float value) {
  if (!std::isfinite(value)) {
    return nullptr;
  }
  std::array<char, 32> text{};
  const auto result = std::to_chars(text.data(), text.data() + text.size(), value + 0.0F);
  return std::strtod(std::string(text.data(), result.ptr).c_str(), nullptr);
}

OrderedJson StateToJson(const ClaimStore& store, std::size_t proposition, std::uint32_t state) {
  const auto values = store.ValuesOf(proposition);
  if (state < values.size()) {
    return ValueToJson(values[state]);
  }
  return nullptr;
}

std::string StateText(const ClaimStore& store, std::size_t proposition, std::uint32_t state) {
  const auto values = store.ValuesOf(proposition);
  if (state < values.size()) {
    return values[state].ToDisplay();
  }
  return "none of the claimed values";
}

void CheckReportMatches(const ClaimStore& store, const ScoreReport& report) {
  if (report.claims.size() != store.num_claims() || report.outlets.size() != store.num_outlets() ||
      report.timelines.size() != store.num_propositions()) {
    throw std::invalid_argument(
        "the score report does not belong to this claim store: it has " +
        std::to_string(report.claims.size()) + " claims, " + std::to_string(report.outlets.size()) +
        " outlets and " + std::to_string(report.timelines.size()) + " timelines; the store has " +
        std::to_string(store.num_claims()) + ", " + std::to_string(store.num_outlets()) + " and " +
        std::to_string(store.num_propositions()));
  }
}

}  // namespace credence::output_internal

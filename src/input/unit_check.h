// The unit of a claimed quantity against its predicate's unit: it must have the same dimension
// (docs/format.md, "Values"), and a unit credence does not know stands only for itself.
#ifndef CREDENCE_INPUT_UNIT_CHECK_H_
#define CREDENCE_INPUT_UNIT_CHECK_H_

#include <optional>
#include <string>
#include <string_view>

#include "credence/value.h"

namespace credence::input_internal {

// nullopt when an amount in `claimed` can be compared with amounts in `declared`; otherwise the
// message, with the nearest known unit when `claimed` looks like a misspelt one.
std::optional<std::string> UnitMismatch(std::string_view claimed, std::string_view declared,
                                        std::string_view predicate);

// nullopt when a quantity's magnitude in base units is finite (or unknown); otherwise the
// message: an amount such as 1e300 trillion overflows a double, and infinity would agree with
// every other amount.
std::optional<std::string> NonFiniteQuantity(const Value& value);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_UNIT_CHECK_H_

// A closed domain ("values" of a predicate) whose members agree with each other ([100, 101]
// within 2%, ["2025", "2025-04"], ["Open", "open "]) would map a claim to whichever comes first,
// and the others could never win; such a domain is refused.
#ifndef CREDENCE_INPUT_DOMAIN_CHECK_H_
#define CREDENCE_INPUT_DOMAIN_CHECK_H_

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "credence/value.h"

namespace credence::input_internal {

// The first pair (earlier index, later index) of values that agree under `tolerance`, or
// nullopt. O(V log V): texts by their normalised form, dates by overlapping periods (calendar
// periods nest or are disjoint), quantities by neighbours in order of amount within each unit.
std::optional<std::pair<std::size_t, std::size_t>> FindAgreeingValues(
    const std::vector<Value>& values, const Tolerance& tolerance);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_DOMAIN_CHECK_H_

// Shared pieces of the output writers: typed values and numbers as JSON, and the display forms
// of a proposition's states.
#ifndef CREDENCE_OUTPUT_VALUE_JSON_H_
#define CREDENCE_OUTPUT_VALUE_JSON_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "credence/claim_store.h"
#include "credence/result.h"
#include "credence/value.h"

namespace credence::output_internal {

// Key order is part of the output contract, so the writers use the insertion-ordered variant.
using OrderedJson = nlohmann::ordered_json;

// boolean -> true/false; category and string -> the text; date -> its ISO form at its own
// granularity; quantity -> {"amount": base-unit magnitude or null, "unit": base unit, "text":
// the amount as written}.
OrderedJson ValueToJson(const Value& value);

// A finite number, or null: JSON has no NaN or infinity, and a reader must never see them. A
// zero is written as 0, never -0.0 (both numbers).
OrderedJson Number(double value);
// A single-precision number written with the fewest digits that read back as the same float
// (1/3 as 0.33333334, not 0.3333333432674408).
OrderedJson ShortestNumber(float value);

// The JSON of a proposition's state: its candidate value, or null for the "none of these" state.
OrderedJson StateToJson(const ClaimStore& store, std::size_t proposition, std::uint32_t state);

// The display form of a state, for the terminal and graph labels.
std::string StateText(const ClaimStore& store, std::size_t proposition, std::uint32_t state);

// Throws std::invalid_argument when the report was not computed for this store.
void CheckReportMatches(const ClaimStore& store, const ScoreReport& report);

}  // namespace credence::output_internal

#endif  // CREDENCE_OUTPUT_VALUE_JSON_H_

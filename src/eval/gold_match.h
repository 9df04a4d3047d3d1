// Gold records matched to a store: each value typed by its predicate's value_kind and matched to
// one of the proposition's candidate values with Compatible, once, before any algorithm runs.
#ifndef CREDENCE_EVAL_GOLD_MATCH_H_
#define CREDENCE_EVAL_GOLD_MATCH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/value.h"

namespace credence::eval_internal {

// Types a gold value written as text by the predicate's value_kind:
//   boolean   true or false (any case);
//   category  any non-blank text; string likewise;
//   date      an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD;
//   quantity  AMOUNT [SCALE] [UNIT]: "180", "6 months", "1.5 million USD", "2 bn EUR". A word
//             after the amount is a scale word (thousand, million, ... and their short forms)
//             when a unit follows it or it is no known unit; the unit defaults to the
//             predicate's and must convert to it (the same base unit, or the same known
//             dimension, as a claim's unit must).
// Returns nullopt and sets *error to what was expected when the text is not such a value.
std::optional<Value> ParseValueText(std::string_view text, const PredicateRecord& predicate,
                                    std::string* error);

// One gold item, matched to the store.
struct GoldItem {
  std::uint32_t proposition = ClaimStore::kNotFound;  // kNotFound: no claim names it
  std::optional<std::int32_t> day;  // first day of the record's date; none: the record's end
  // The display text of the candidate value the gold value agrees with, else of the gold value.
  std::string gold;
};

// Matches every record; a repeated record (same subject, predicate and date, a compatible value)
// counts once. Throws InputError listing every value that cannot be typed, agrees with several
// candidate values, or contradicts an earlier record of the same item, and when no item has a
// scorable claim ("no gold item has claims"). A record whose predicate the store does not declare
// becomes an unmatched item, with a warning appended to `warnings` when it is not null.
std::vector<GoldItem> MatchGold(const ClaimStore& store, const std::vector<TruthRecord>& truth,
                                std::vector<Diagnostic>* warnings);

}  // namespace credence::eval_internal

#endif  // CREDENCE_EVAL_GOLD_MATCH_H_

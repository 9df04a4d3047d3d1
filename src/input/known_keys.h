// The keys of the objects credence defines, and the warning for a key that is none of them
// (a typo such as "vai" for "via" would otherwise be ignored without a word). Keys starting with
// "x-" and the "extensions" object are the annotators' own, never read and never warned about.
#ifndef CREDENCE_INPUT_KNOWN_KEYS_H_
#define CREDENCE_INPUT_KNOWN_KEYS_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace credence::input_internal {

using KeyList = std::span<const std::string_view>;

inline constexpr std::string_view kDocumentKeys[] = {"credence", "outlets", "predicates",
                                                     "articles"};
inline constexpr std::string_view kOutletKeys[] = {"id", "name", "kind"};
inline constexpr std::string_view kPredicateKeys[] = {
    "id", "value_kind", "unit", "mutable", "description", "tolerance", "change_rate", "values"};
inline constexpr std::string_view kToleranceKeys[] = {"relative", "absolute"};
inline constexpr std::string_view kArticleKeys[] = {"id",    "outlet", "published",
                                                    "title", "url",    "claims"};
inline constexpr std::string_view kClaimKeys[] = {"id",           "subject", "predicate", "value",
                                                  "as_of",        "since",   "until",     "via",
                                                  "via_inferred", "quote",   "confidence"};
inline constexpr std::string_view kQuantityKeys[] = {"amount", "unit", "scale"};
inline constexpr std::string_view kInlineSourceKeys[] = {"id", "name", "kind"};
// A JSON Lines claim: the claim's keys and its article's, flattened.
inline constexpr std::string_view kJsonlClaimKeys[] = {
    "id",    "outlet",  "subject", "predicate", "value", "published",    "as_of", "since",
    "until", "article", "title",   "url",       "via",   "via_inferred", "quote", "confidence"};

// The optimal string alignment distance: insertions, deletions, substitutions and transpositions
// of adjacent characters (bytes) each cost 1 ("vai" is 1 from "via").
std::size_t EditDistance(std::string_view a, std::string_view b);

// The message for `key` in an object whose keys are `known`: nullopt when the key is known, starts
// with "x-" or is "extensions"; otherwise `unknown key "vai"; did you mean "via"?` (the nearest
// known key within 2 edits or a third of the key's length, 1 edit for keys of 4 bytes or fewer),
// or the list of known keys.
std::optional<std::string> UnknownKeyMessage(std::string_view key, KeyList known);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_KNOWN_KEYS_H_

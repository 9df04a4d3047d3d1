// The --duplicates rule of the tabular readers: what a row does whose worker already answered its
// item. Shared by the streaming loaders and the document path, so that both read a file alike.
#ifndef CREDENCE_INPUT_REPEATED_ANSWERS_H_
#define CREDENCE_INPUT_REPEATED_ANSWERS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"

namespace credence::input_internal {

// How messages name the parts of a row: "worker", "item", "labels" for crowd tables.
struct RowNouns {
  std::string_view source;  // "worker"
  std::string_view item;    // "item"
  std::string_view verb;    // "labels"
};
inline constexpr RowNouns kCrowdNouns{"worker", "item", "labels"};
inline constexpr RowNouns kPopulationNouns{"editor", "object", "gives"};

// The one warning that counts the repeated rows of a file (`repeats`, of which `conflicting`
// give another answer than the pair's first; `first_line` is the first of them).
Diagnostic RepeatedRowsWarning(const std::string& display_path, std::size_t repeats,
                               std::size_t conflicting, std::int64_t first_line,
                               DuplicateAnswers mode, const RowNouns& nouns);

// The error of a repeated row under DuplicateAnswers::kError, at the row's line.
Diagnostic RepeatedRowError(const std::string& display_path, std::int64_t line,
                            std::string_view source, std::string_view item,
                            std::string_view first_answer, std::int64_t first_line,
                            std::string_view answer, const RowNouns& nouns);

// Applies `mode` to the votes added to `builder` (one claim per row; `line_of` gives a claim's
// line) and finishes it: kVote keeps every claim as its own vote, kFirst and kLast drop the other
// answers of each pair, each with one warning appended to `warnings` when there was any repeat;
// kError throws InputError listing the repeats (at most 100, then a count).
ClaimStore FinishVotes(ClaimStoreBuilder builder, DuplicateAnswers mode, std::string digest,
                       const std::string& display_path,
                       const std::function<std::int64_t(std::uint32_t)>& line_of,
                       const RowNouns& nouns, std::vector<Diagnostic>* warnings);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_REPEATED_ANSWERS_H_

#include "input/repeated_answers.h"

#include <optional>
#include <string>
#include <utility>

#include "input/json_input.h"

namespace credence {

namespace {

struct DuplicatesName {
  DuplicateAnswers mode;
  std::string_view name;
};
constexpr DuplicatesName kDuplicatesNames[] = {
    {DuplicateAnswers::kVote, "vote"},
    {DuplicateAnswers::kFirst, "first"},
    {DuplicateAnswers::kLast, "last"},
    {DuplicateAnswers::kError, "error"},
};

constexpr std::size_t kMaxKeptErrors = 100;

}  // namespace

std::string_view ToString(DuplicateAnswers duplicates) {
  for (const DuplicatesName& entry : kDuplicatesNames) {
    if (entry.mode == duplicates) return entry.name;
  }
  return "unknown";
}

std::optional<DuplicateAnswers> ParseDuplicateAnswers(std::string_view name) {
  for (const DuplicatesName& entry : kDuplicatesNames) {
    if (entry.name == name) return entry.mode;
  }
  return std::nullopt;
}

namespace input_internal {

Diagnostic RepeatedRowsWarning(const std::string& display_path, std::size_t repeats,
                               std::size_t conflicting, std::int64_t first_line,
                               DuplicateAnswers mode, const RowNouns& nouns) {
  std::string message =
      std::to_string(repeats) + (repeats == 1 ? " repeated row" : " repeated rows") + ": the (" +
      std::string(nouns.item) + ", " + std::string(nouns.source) +
      ") pair of an earlier row again (" + std::to_string(conflicting) +
      " with a different answer; the first at line " + std::to_string(first_line) + "): ";
  switch (mode) {
    case DuplicateAnswers::kVote:
      message +=
          "every row counts as a vote (--duplicates first, last or error reads them "
          "otherwise)";
      break;
    case DuplicateAnswers::kFirst:
      message += "the first answer of each pair is kept, the later ones are left out";
      break;
    case DuplicateAnswers::kLast:
      message += "the last answer of each pair is kept, the earlier ones are left out";
      break;
    case DuplicateAnswers::kError:
      break;
  }
  return Diagnostic{Severity::kWarning, Location{display_path, "", 0}, std::move(message)};
}

Diagnostic RepeatedRowError(const std::string& display_path, std::int64_t line,
                            std::string_view source, std::string_view item,
                            std::string_view first_answer, std::int64_t first_line,
                            std::string_view answer, const RowNouns& nouns) {
  std::string message;
  const std::string who = std::string(nouns.source) + " " + Quote(source) + " " +
                          std::string(nouns.verb) + " " + std::string(nouns.item) + " " +
                          Quote(item);
  if (first_answer != answer) {
    message = "conflicting answers: " + who + " both " + Quote(first_answer) + " (line " +
              std::to_string(first_line) + ") and " + Quote(answer);
  } else {
    message = "repeated answer: " + who + " " + Quote(answer) + " again (first at line " +
              std::to_string(first_line) + ")";
  }
  message += "; --duplicates vote, first or last reads such rows";
  return Diagnostic{Severity::kError, Location{display_path, "", line}, std::move(message)};
}

ClaimStore FinishVotes(ClaimStoreBuilder builder, DuplicateAnswers mode, std::string digest,
                       const std::string& display_path,
                       const std::function<std::int64_t(std::uint32_t)>& line_of,
                       const RowNouns& nouns, std::vector<Diagnostic>* warnings) {
  const std::vector<ClaimStoreBuilder::Repeat> repeats = builder.FindRepeats();
  // Votes never relay one another: a repeated answer is one more vote, not a copy.
  builder.SetClaimsIndependent();
  if (repeats.empty()) return std::move(builder).Finish(std::move(digest));
  std::size_t conflicting = 0;
  for (const ClaimStoreBuilder::Repeat& repeat : repeats) conflicting += repeat.conflicting;
  const auto warn = [&] {
    if (warnings == nullptr) return;
    warnings->push_back(RepeatedRowsWarning(display_path, repeats.size(), conflicting,
                                            line_of(repeats.front().later), mode, nouns));
  };
  switch (mode) {
    case DuplicateAnswers::kVote:
      warn();
      return std::move(builder).Finish(std::move(digest));
    case DuplicateAnswers::kFirst:
    case DuplicateAnswers::kLast: {
      warn();
      std::vector<std::uint32_t> removed;
      removed.reserve(repeats.size());
      if (mode == DuplicateAnswers::kFirst) {
        for (const ClaimStoreBuilder::Repeat& repeat : repeats) removed.push_back(repeat.later);
      } else {
        // Every answer of a pair but its last: a claim is removed when a later one repeats it.
        std::vector<std::pair<std::uint32_t, std::uint32_t>> by_first;  // (first, later)
        by_first.reserve(repeats.size());
        for (const ClaimStoreBuilder::Repeat& repeat : repeats) {
          by_first.emplace_back(repeat.first, repeat.later);
        }
        std::sort(by_first.begin(), by_first.end());
        for (std::size_t i = 0; i < by_first.size(); ++i) {
          const bool last_of_pair =
              i + 1 == by_first.size() || by_first[i + 1].first != by_first[i].first;
          if (i == 0 || by_first[i - 1].first != by_first[i].first) {
            removed.push_back(by_first[i].first);
          }
          if (!last_of_pair) removed.push_back(by_first[i].second);
        }
        std::sort(removed.begin(), removed.end());
      }
      builder.RemoveClaims(removed);
      return std::move(builder).Finish(std::move(digest));
    }
    case DuplicateAnswers::kError:
      break;
  }
  const ClaimStore store = std::move(builder).Finish(std::move(digest));
  std::vector<Diagnostic> errors;
  for (const ClaimStoreBuilder::Repeat& repeat : repeats) {
    if (errors.size() == kMaxKeptErrors) break;
    const std::uint32_t proposition = store.claim_proposition()[repeat.later];
    const auto values = store.ValuesOf(proposition);
    const auto answer = [&](std::uint32_t claim) {
      const std::uint32_t state = store.claim_state()[claim];
      return state < values.size() ? values[state].ToDisplay() : std::string("?");
    };
    errors.push_back(RepeatedRowError(
        display_path, line_of(repeat.later), store.outlets()[store.claim_outlet()[repeat.later]].id,
        store.propositions()[proposition].subject, answer(repeat.first), line_of(repeat.first),
        answer(repeat.later), nouns));
  }
  if (repeats.size() > errors.size()) {
    errors.push_back(
        Diagnostic{Severity::kError, Location{display_path, "", 0},
                   "... and " + std::to_string(repeats.size() - errors.size()) + " more errors"});
  }
  throw InputError(std::move(errors));
}

}  // namespace input_internal

}  // namespace credence

// The claims document of the data contract, parsed into plain value types. This is the input
// exactly as written (after validation and typing), before interning into a ClaimStore.
#ifndef CREDENCE_DOCUMENT_H_
#define CREDENCE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "credence/error.h"
#include "credence/value.h"

namespace credence {

struct OutletRecord {
  std::string id;
  std::string name;
  std::string kind = "outlet";  // outlet | person | office | ... (free text)
};

// Whether a predicate's true value can change over time. Left out of the input, the change rate
// is learned from the data (near zero for facts that never change).
enum class Mutability : std::uint8_t { kLearned, kMutable, kImmutable };

struct PredicateRecord {
  std::string id;
  ValueKind value_kind = ValueKind::kCategory;
  std::string unit;  // quantities: the unit of bare numbers
  Mutability mutability = Mutability::kLearned;
  Tolerance tolerance;  // quantities: when two amounts agree
  // Prior expectation of the number of changes per year; unset means the solver default. The
  // temporal model updates it with the evidence.
  std::optional<double> change_rate_per_year;
  std::vector<Value> domain;  // optional closed set of values ("values" key)
  std::string description;

  bool CanChange() const { return mutability != Mutability::kImmutable; }
};

struct ClaimRecord {
  std::string id;
  std::string subject;
  std::string predicate;
  Value value;
  Date as_of;  // resolved: the claim's own, else the article's, else the fallback
  bool as_of_is_fallback = false;
  // The text dates the change itself: the value held from `since` on (a different one just
  // before), or up to `until` (a different one from it on). Periods of any granularity.
  std::optional<Date> since;
  std::optional<Date> until;
  std::vector<std::string> via;  // ordered from the cited source to the original speaker
  bool via_inferred = false;
  std::string quote;
  double confidence = 1.0;  // extraction confidence in (0, 1]
  std::string pointer;      // JSON pointer of the claim, for messages
};

struct ArticleRecord {
  std::string id;
  std::string outlet;
  std::optional<Date> published;
  std::string title;
  std::string url;
  std::vector<ClaimRecord> claims;
  std::string pointer;
};

struct ClaimsDocument {
  std::string source;                 // file name as given by the user ("-" for standard input)
  std::string input_digest;           // "sha256:<hex>" of the input bytes
  std::vector<OutletRecord> outlets;  // declared outlets, then free sources declared inline in via
  std::vector<PredicateRecord> predicates;
  std::vector<ArticleRecord> articles;
  std::vector<Diagnostic> warnings;  // e.g. an article without a publication date
  // Tabular votes: every claim is its own evidence group (a worker's repeated answer is one more
  // vote, not a copy of the first).
  bool claims_are_independent = false;

  std::size_t NumClaims() const;
};

}  // namespace credence

#endif  // CREDENCE_DOCUMENT_H_

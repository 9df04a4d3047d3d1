// The claims document of the data contract, parsed into plain value types. This is the input
// exactly as written (after validation and typing), before interning into a ClaimStore.
#ifndef CREDENCE_DOCUMENT_H_
#define CREDENCE_DOCUMENT_H_

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

struct PredicateRecord {
  std::string id;
  ValueKind value_kind = ValueKind::kCategory;
  std::string unit;         // quantities: the unit of bare numbers
  bool is_mutable = false;  // can the true value change over time?
  Tolerance tolerance;      // quantities: when two amounts agree
  // Expected number of changes per year for a mutable predicate; unset means the solver default.
  std::optional<double> change_rate_per_year;
  std::vector<Value> domain;  // optional closed set of values ("values" key)
  std::string description;
};

struct ClaimRecord {
  std::string id;
  std::string subject;
  std::string predicate;
  Value value;
  Date as_of;  // resolved: the claim's own, else the article's, else the fallback
  bool as_of_is_fallback = false;
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

  std::size_t NumClaims() const;
};

}  // namespace credence

#endif  // CREDENCE_DOCUMENT_H_

// Small builders for hand-made claims documents in tests.
#ifndef CREDENCE_TESTS_TEST_SUPPORT_H_
#define CREDENCE_TESTS_TEST_SUPPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "credence/claim_store.h"
#include "credence/document.h"
#include "credence/value.h"

namespace credence::testing {

// Builds a ClaimsDocument claim by claim: each claim gets its own article by `outlet`.
class DocumentBuilder {
 public:
  DocumentBuilder& Outlet(const std::string& id, const std::string& kind = "outlet") {
    document_.outlets.push_back({id, id, kind});
    return *this;
  }
  DocumentBuilder& Predicate(const std::string& id, ValueKind kind, bool is_mutable = false) {
    PredicateRecord predicate;
    predicate.id = id;
    predicate.value_kind = kind;
    predicate.mutability = is_mutable ? Mutability::kMutable : Mutability::kImmutable;
    document_.predicates.push_back(predicate);
    return *this;
  }
  // Adds a claim dated `day` (days since 1970-01-01) with the given confidence and via.
  DocumentBuilder& Claim(const std::string& outlet, const std::string& subject,
                         const std::string& predicate, Value value, std::int32_t day = 0,
                         std::vector<std::string> via = {}, double confidence = 1.0) {
    ArticleRecord article;
    article.id = "a" + std::to_string(document_.articles.size());
    article.outlet = outlet;
    ClaimRecord claim;
    claim.id = article.id + "/c1";
    claim.subject = subject;
    claim.predicate = predicate;
    claim.value = std::move(value);
    claim.as_of = CivilFromDays(day);
    claim.via = std::move(via);
    claim.confidence = confidence;
    article.claims.push_back(std::move(claim));
    document_.articles.push_back(std::move(article));
    return *this;
  }
  ClaimsDocument Document() const { return document_; }
  ClaimStore Store() const { return BuildClaimStore(document_); }

 private:
  ClaimsDocument document_;
};

}  // namespace credence::testing

#endif  // CREDENCE_TESTS_TEST_SUPPORT_H_

// Scores a fixture through the library and exposes its scores document as JSON, so that golden
// tests check the data contract users see.
#ifndef CREDENCE_TESTS_SYSTEM_SCORES_FIXTURE_H_
#define CREDENCE_TESTS_SYSTEM_SCORES_FIXTURE_H_

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "credence/claim_store.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/score.h"

namespace credence::testing {

struct ScoredFixture {
  ClaimsDocument document;
  nlohmann::json scores;

  const nlohmann::json& Claim(const std::string& id) const {
    for (const auto& claim : scores["claims"]) {
      if (claim["id"] == id) return claim;
    }
    ADD_FAILURE() << "no claim " << id;
    static const nlohmann::json kNull;
    return kNull;
  }
  const nlohmann::json& Outlet(const std::string& id) const {
    for (const auto& outlet : scores["outlets"]) {
      if (outlet["id"] == id) return outlet;
    }
    ADD_FAILURE() << "no outlet " << id;
    static const nlohmann::json kNull;
    return kNull;
  }
  const nlohmann::json& Proposition(const std::string& subject,
                                    const std::string& predicate) const {
    for (const auto& proposition : scores["propositions"]) {
      if (proposition["subject"] == subject && proposition["predicate"] == predicate) {
        return proposition;
      }
    }
    ADD_FAILURE() << "no proposition " << subject << " / " << predicate;
    static const nlohmann::json kNull;
    return kNull;
  }
};

inline ClaimsDocument ReadFixture(const std::string& name) {
  return ReadClaimsDocument(std::string(CREDENCE_SOURCE_DIR) + "/fixtures/" + name +
                            "/claims.json");
}

inline ScoredFixture ScoreDocument(ClaimsDocument document, const SolverOptions& options = {}) {
  ScoredFixture fixture;
  fixture.document = std::move(document);
  const ClaimStore store = BuildClaimStore(fixture.document);
  const ScoreReport report = Score(store, options);
  fixture.scores = nlohmann::json::parse(ScoresToJson(store, report));
  return fixture;
}

inline ScoredFixture ScoreFixture(const std::string& name, const SolverOptions& options = {}) {
  return ScoreDocument(ReadFixture(name), options);
}

}  // namespace credence::testing

#endif  // CREDENCE_TESTS_SYSTEM_SCORES_FIXTURE_H_

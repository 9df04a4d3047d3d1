// No dead starts: every EM crowd solver starts from the soft majority vote, so equal priors on
// two-label data do not sit at the symmetric fixed point where every posterior is 0.5.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "solvers/crowd_common.h"
#include "test_support.h"

namespace credence {
namespace {

// crowd-kit's toy data set (tests/conftest.py, toy_answers_df): five workers, five tasks; all
// five say "yes" on t4. crowd-kit's expected labels: t1 yes, t2 yes, t3 no, t4 yes, t5 no.
ClaimStore ToyCrowd() {
  const std::vector<std::vector<std::string>> rows = {
      {"w1", "t1", "no"},  {"w1", "t2", "yes"}, {"w1", "t3", "yes"}, {"w1", "t4", "yes"},
      {"w1", "t5", "yes"}, {"w2", "t1", "yes"}, {"w2", "t2", "yes"}, {"w2", "t3", "no"},
      {"w2", "t4", "yes"}, {"w2", "t5", "no"},  {"w3", "t2", "yes"}, {"w3", "t3", "no"},
      {"w3", "t4", "yes"}, {"w3", "t5", "no"},  {"w4", "t1", "yes"}, {"w4", "t2", "no"},
      {"w4", "t3", "yes"}, {"w4", "t4", "yes"}, {"w4", "t5", "no"},  {"w5", "t1", "no"},
      {"w5", "t2", "no"},  {"w5", "t3", "no"},  {"w5", "t4", "yes"}, {"w5", "t5", "no"}};
  testing::DocumentBuilder builder;
  for (const char* worker : {"w1", "w2", "w3", "w4", "w5"}) builder.Outlet(worker);
  builder.Predicate("label", ValueKind::kCategory);
  for (const auto& row : rows) builder.Claim(row[0], row[1], "label", Value::Category(row[2]));
  ClaimsDocument document = builder.Document();
  document.predicates[0].domain = {Value::Category("no"), Value::Category("yes")};
  return BuildClaimStore(std::move(document));
}

std::string Label(const ClaimStore& store, const Solution& solution, const std::string& task) {
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    if (store.propositions()[p].subject == task) {
      return store.ValuesOf(p)[solution.timelines[p][0].state].ToDisplay();
    }
  }
  return "(no such task)";
}

TEST(MajorityVoteStart, PerClaimSharesByHand) {
  const ClaimStore store = ToyCrowd();
  const std::vector<double> shares = internal::MajorityVotePosteriors(store);
  ASSERT_EQ(shares.size(), store.num_claims());
  const auto proposition = store.claim_proposition();
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    const std::string& task = store.propositions()[proposition[c]].subject;
    const std::string value = store.ValuesOf(proposition[c])[store.claim_state()[c]].ToDisplay();
    // t1: 2 yes, 2 no; t2: 3 yes, 2 no; t3: 2 yes, 3 no; t4: 5 yes; t5: 1 yes, 4 no.
    double expected = 0.0;
    if (task == "t1") expected = 0.5;
    if (task == "t2") expected = value == "yes" ? 0.6 : 0.4;
    if (task == "t3") expected = value == "yes" ? 0.4 : 0.6;
    if (task == "t4") expected = 1.0;
    if (task == "t5") expected = value == "yes" ? 0.2 : 0.8;
    EXPECT_DOUBLE_EQ(shares[c], expected) << task << " " << value;
  }
}

TEST(MajorityVoteStart, EqualPriorsDoNotSitAtTheSymmetricPoint) {
  const ClaimStore store = ToyCrowd();
  SolverOptions options;
  options.prior_alpha = 1.0;
  options.prior_beta = 1.0;
  for (const char* algorithm : {"one-coin", "dawid-skene", "glad", "mace"}) {
    const Solution solution = CreateSolver(algorithm)->Solve(store, options);
    // t4 is unanimous; t2, t3 and t5 have a majority that crowd-kit's labels follow. (t1 is a
    // 2-2 tie under the vote, where the models may part ways with crowd-kit's pick.)
    EXPECT_EQ(Label(store, solution, "t4"), "yes") << algorithm;
    EXPECT_EQ(Label(store, solution, "t2"), "yes") << algorithm;
    EXPECT_EQ(Label(store, solution, "t3"), "no") << algorithm;
    EXPECT_EQ(Label(store, solution, "t5"), "no") << algorithm;
    // The unanimous "yes" claims are believed, not left at 0.5.
    const auto proposition = store.claim_proposition();
    for (std::size_t c = 0; c < store.num_claims(); ++c) {
      if (store.propositions()[proposition[c]].subject == "t4") {
        EXPECT_GT(solution.claim_probability[c], 0.9) << algorithm;
      }
    }
    // Sources differ: a symmetric start would leave every reliability equal.
    double low = 1.0;
    double high = 0.0;
    for (double r : solution.reliability) {
      low = std::min(low, r);
      high = std::max(high, r);
    }
    EXPECT_GT(high - low, 0.01) << algorithm;
  }
}

}  // namespace
}  // namespace credence

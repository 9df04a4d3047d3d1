#include "credence/claim_store.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace credence {
namespace {

using testing::DocumentBuilder;

TEST(ClaimStore, PropositionsStatesAndTimeOrder) {
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Predicate("size", ValueKind::kQuantity)
                               .Predicate("member", ValueKind::kBoolean, true)
                               .Claim("A", "club", "size", Value::Quantity(90, "count"), 20)
                               .Claim("B", "club", "size", Value::Quantity(89.5, "count"), 10)
                               .Claim("A", "club", "member", Value::Boolean(true), 5)
                               .Claim("B", "club", "size", Value::Quantity(120, "count"), 30)
                               .Store();
  ASSERT_EQ(store.num_propositions(), 2U);
  EXPECT_EQ(store.propositions()[0].subject, "club");
  // 89.5 and 90 agree within 2%; 120 does not: two clusters plus "none of these".
  EXPECT_EQ(store.ValuesOf(0).size(), 2U);
  EXPECT_TRUE(store.propositions()[0].has_other_state);
  EXPECT_EQ(store.propositions()[0].num_states(), 3U);
  EXPECT_EQ(store.claim_state()[0], store.claim_state()[1]);
  EXPECT_NE(store.claim_state()[0], store.claim_state()[3]);
  // Booleans always have the two states false/true.
  EXPECT_EQ(store.propositions()[1].num_states(), 2U);
  EXPECT_EQ(store.claim_state()[2], 1U);
  // By proposition, in as_of order: day 10 (claim 1), day 20 (claim 0), day 30 (claim 3).
  const auto claims = store.ClaimsOfProposition(0);
  ASSERT_EQ(claims.size(), 3U);
  EXPECT_EQ(claims[0], 1U);
  EXPECT_EQ(claims[1], 0U);
  EXPECT_EQ(claims[2], 3U);
}

TEST(ClaimStore, SixMonthsAndOneHundredEightyDaysAreOneValue) {
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Predicate("length", ValueKind::kQuantity)
                               .Claim("A", "waiver", "length", Value::Quantity(6, "month"))
                               .Claim("B", "waiver", "length", Value::Quantity(180, "day"))
                               .Store();
  EXPECT_EQ(store.ValuesOf(0).size(), 1U);
  EXPECT_EQ(store.claim_state()[0], store.claim_state()[1]);
  EXPECT_NE(store.claim_group()[0], store.claim_group()[1]);  // different sources
}

TEST(ClaimStore, EvidenceGroupsFollowTheOriginalSource) {
  const ClaimStore store = DocumentBuilder()
                               .Outlet("np")
                               .Outlet("unnamed")
                               .Outlet("an-nahar")
                               .Outlet("other")
                               .Predicate("p", ValueKind::kBoolean)
                               .Claim("np", "x", "p", Value::Boolean(false), 0, {"an-nahar"})
                               .Claim("unnamed", "x", "p", Value::Boolean(false), 2, {"an-nahar"})
                               .Claim("other", "x", "p", Value::Boolean(false), 3)
                               .Claim("np", "x", "p", Value::Boolean(true), 0, {"an-nahar"}, 0.6)
                               .Store();
  EXPECT_EQ(store.claim_group()[0], store.claim_group()[1]);
  EXPECT_NE(store.claim_group()[0], store.claim_group()[2]);
  EXPECT_NE(store.claim_group()[0], store.claim_group()[3]);  // another value
  EXPECT_DOUBLE_EQ(store.claim_weight()[0], 0.5);
  EXPECT_DOUBLE_EQ(store.claim_weight()[1], 0.5);
  EXPECT_DOUBLE_EQ(store.claim_weight()[2], 1.0);
  EXPECT_FLOAT_EQ(store.claim_weight()[3], 0.6F);  // weights are single precision
  EXPECT_EQ(store.claim_source()[0], store.FindOutlet("an-nahar"));
  EXPECT_EQ(store.claim_outlet()[0], store.FindOutlet("np"));
  EXPECT_TRUE(store.IsRelayed(0));
  EXPECT_FALSE(store.IsRelayed(2));
  const auto of_source = store.ClaimsOfSource(store.FindOutlet("an-nahar"));
  EXPECT_EQ(std::vector<std::uint32_t>(of_source.begin(), of_source.end()),
            (std::vector<std::uint32_t>{0, 1, 3}));
  EXPECT_EQ(store.num_groups(), 3U);
}

TEST(ClaimStore, UnknownMagnitudeMatchesNothing) {
  const ClaimStore store =
      DocumentBuilder()
          .Outlet("A")
          .Outlet("B")
          .Predicate("reward", ValueKind::kQuantity)
          .Claim("A", "x", "reward", Value::Quantity(std::nullopt, "USD", "million"))
          .Claim("B", "x", "reward", Value::Quantity(std::nullopt, "USD", "million"))
          .Store();
  EXPECT_EQ(store.claim_state()[0], ClaimStore::kUnknownState);
  EXPECT_EQ(store.claim_state()[1], ClaimStore::kUnknownState);
  EXPECT_NE(store.claim_group()[0], store.claim_group()[1]);  // each alone
  EXPECT_TRUE(store.ValuesOf(0).empty());
}

TEST(ClaimStore, DatesClusterAtTheCoarserGranularity) {
  Date april;
  april.year = 2025;
  april.month = 4;
  april.granularity = DateGranularity::kMonth;
  const ClaimStore store = DocumentBuilder()
                               .Outlet("A")
                               .Outlet("B")
                               .Outlet("C")
                               .Predicate("submitted", ValueKind::kDate)
                               .Claim("A", "request", "submitted", Value::FromDate(april))
                               .Claim("B", "request", "submitted",
                                      Value::FromDate(CivilFromDays(DaysFromCivil(2025, 4, 3))))
                               .Claim("C", "request", "submitted",
                                      Value::FromDate(CivilFromDays(DaysFromCivil(2025, 5, 3))))
                               .Store();
  EXPECT_EQ(store.claim_state()[0], store.claim_state()[1]);
  EXPECT_NE(store.claim_state()[0], store.claim_state()[2]);
}

}  // namespace
}  // namespace credence

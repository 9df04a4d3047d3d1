#include "report/page_plan.h"

#include <gtest/gtest.h>

namespace credence::report_internal {
namespace {

OutletView Source(const std::string& id, double reliability, double low, int answers_for) {
  OutletView outlet;
  outlet.id = id;
  outlet.name = id;
  outlet.kind = "outlet";
  outlet.reliability = reliability;
  outlet.low = low;
  outlet.high = 0.99;
  outlet.as_content_source = answers_for;
  return outlet;
}

TEST(PlanPageTest, RanksSourcesByTheLowerEndOfTheirInterval) {
  ScoresView view;
  // "lucky" has one claim: a high estimate and a wide interval. "steady" has forty.
  view.outlets = {Source("lucky", 0.9, 0.45, 1), Source("steady", 0.85, 0.74, 40),
                  Source("tied-b", 0.7, 0.5, 3), Source("tied-a", 0.7, 0.5, 3)};
  const PagePlan plan = PlanPage(view, ReportOptions{});
  // Ties on both the lower end and the estimate go by id.
  EXPECT_EQ(plan.ranked_outlets, (std::vector<std::size_t>{1, 3, 2, 0}));
  EXPECT_EQ(plan.rank_of[0], 3U);
  EXPECT_EQ(plan.plotted, plan.ranked_outlets);
}

TEST(PlanPageTest, PlotKeepsTheSourcesWithMostEvidenceInRankOrder) {
  ScoresView view;
  view.outlets = {Source("a", 0.9, 0.8, 1), Source("b", 0.8, 0.7, 50), Source("c", 0.7, 0.6, 20),
                  Source("d", 0.6, 0.5, 30)};
  ReportOptions options;
  options.max_plotted_sources = 2;
  options.max_table_rows = 3;
  const PagePlan plan = PlanPage(view, options);
  EXPECT_EQ(plan.plotted, (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(plan.listed_outlets, 3U);
  EXPECT_EQ(plan.outlet_listed, (std::vector<bool>{true, true, true, false}));
}

TEST(PlanPageTest, ChartsChangesFirstThenAttentionThenSizeWithinTheClaimBudget) {
  ScoresView view;
  const auto claim = [&](Status status) {
    ClaimView c;
    c.id = "c" + std::to_string(view.claims.size());
    c.status = status;
    view.claims.push_back(c);
    return view.claims.size() - 1;
  };
  view.propositions.resize(4);
  // p0: 3 confirmed claims; p1: 1 unresolved; p2: 2 confirmed and a change; p3: 5 confirmed.
  for (int i = 0; i < 3; ++i) view.propositions[0].claims.push_back(claim(Status::kConfirmed));
  view.propositions[1].claims.push_back(claim(Status::kUnresolved));
  for (int i = 0; i < 2; ++i) view.propositions[2].claims.push_back(claim(Status::kSuperseded));
  view.propositions[2].supersessions = {0};
  for (int i = 0; i < 5; ++i) view.propositions[3].claims.push_back(claim(Status::kConfirmed));
  ReportOptions options;
  options.max_charted_propositions = 3;
  options.max_claim_rows = 7;
  const PagePlan plan = PlanPage(view, options);
  // Order of preference p2, p1, p3 (5 claims), p0; p3 would take the rows to 8 > 7, so p0
  // (3 claims, 6 rows in all) is charted instead. Charts appear in document order.
  EXPECT_EQ(plan.charted, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(plan.uncharted, (std::vector<std::size_t>{3}));
  EXPECT_EQ(plan.listed_claims, 6U);
  EXPECT_FALSE(plan.claim_listed[view.propositions[3].claims[0]]);
}

}  // namespace
}  // namespace credence::report_internal

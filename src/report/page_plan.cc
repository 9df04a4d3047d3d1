#include "report/page_plan.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace credence::report_internal {

PagePlan PlanPage(const ScoresView& view, const ReportOptions& options) {
  PagePlan plan;
  const std::size_t num_outlets = view.outlets.size();
  plan.ranked_outlets.resize(num_outlets);
  for (std::size_t s = 0; s < num_outlets; ++s) plan.ranked_outlets[s] = s;
  std::sort(plan.ranked_outlets.begin(), plan.ranked_outlets.end(),
            [&](std::size_t a, std::size_t b) {
              const OutletView& x = view.outlets[a];
              const OutletView& y = view.outlets[b];
              return std::tie(y.low, y.reliability, x.id) < std::tie(x.low, x.reliability, y.id);
            });
  plan.rank_of.resize(num_outlets);
  for (std::size_t r = 0; r < num_outlets; ++r) plan.rank_of[plan.ranked_outlets[r]] = r;
  plan.listed_outlets = std::min(num_outlets, options.max_table_rows);
  plan.outlet_listed.assign(num_outlets, false);
  for (std::size_t r = 0; r < plan.listed_outlets; ++r) {
    plan.outlet_listed[plan.ranked_outlets[r]] = true;
  }

  // The forest plot keeps the sources with the most evidence (claims they answer for), shown
  // in rank order: with thousands of sources the plot shows the ones whose intervals say most.
  plan.plotted = plan.ranked_outlets;
  if (plan.plotted.size() > options.max_plotted_sources) {
    std::vector<std::size_t> by_evidence = plan.ranked_outlets;
    std::stable_sort(by_evidence.begin(), by_evidence.end(), [&](std::size_t a, std::size_t b) {
      return view.outlets[a].as_content_source > view.outlets[b].as_content_source;
    });
    by_evidence.resize(options.max_plotted_sources);
    std::sort(by_evidence.begin(), by_evidence.end(),
              [&](std::size_t a, std::size_t b) { return plan.rank_of[a] < plan.rank_of[b]; });
    plan.plotted = std::move(by_evidence);
  }

  // Charted propositions: those with a change first, then those with claims needing attention
  // (contradicted or unresolved), then the most claims; taken while the claim rows fit.
  const std::size_t num_propositions = view.propositions.size();
  std::vector<std::tuple<int, int, std::size_t, std::size_t>> priority;  // sorted ascending
  priority.reserve(num_propositions);
  for (std::size_t p = 0; p < num_propositions; ++p) {
    const PropositionView& proposition = view.propositions[p];
    int attention = 0;
    for (std::size_t c : proposition.claims) {
      const Status status = view.claims[c].status;
      attention += status == Status::kContradicted || status == Status::kUnresolved ? 1 : 0;
    }
    priority.emplace_back(proposition.supersessions.empty() ? 1 : 0, attention > 0 ? 0 : 1,
                          static_cast<std::size_t>(-1) - proposition.claims.size(), p);
  }
  std::sort(priority.begin(), priority.end());
  plan.max_claims_per_proposition = options.max_claims_per_proposition;
  plan.proposition_charted.assign(num_propositions, false);
  plan.claim_listed.assign(view.claims.size(), false);
  std::size_t rows = 0;
  for (const auto& entry : priority) {
    if (plan.charted.size() == options.max_charted_propositions) break;
    const std::size_t p = std::get<3>(entry);
    const std::size_t claims =
        std::min(view.propositions[p].claims.size(), options.max_claims_per_proposition);
    if (rows + claims > options.max_claim_rows) continue;
    rows += claims;
    plan.proposition_charted[p] = true;
    plan.charted.push_back(p);
  }
  std::sort(plan.charted.begin(), plan.charted.end());
  for (std::size_t p = 0; p < num_propositions; ++p) {
    if (!plan.proposition_charted[p]) {
      plan.uncharted.push_back(p);
      continue;
    }
    const std::vector<std::size_t>& claims = view.propositions[p].claims;
    for (std::size_t i = 0; i < claims.size() && i < options.max_claims_per_proposition; ++i) {
      plan.claim_listed[claims[i]] = true;
      ++plan.listed_claims;
    }
  }
  plan.listed_uncharted = std::min(plan.uncharted.size(), options.max_table_rows);

  // Articles, in order of their first claim; claims without one are not listed here.
  std::map<std::string, std::size_t> article_row;
  for (std::size_t c = 0; c < view.claims.size(); ++c) {
    const std::string& id = view.claims[c].article;
    if (id.empty()) continue;
    auto [it, inserted] = article_row.emplace(id, plan.articles.size());
    if (inserted) plan.articles.push_back({id, view.FindArticle(id), {}});
    plan.articles[it->second].claims.push_back(c);
  }
  plan.listed_articles = std::min(plan.articles.size(), options.max_table_rows);
  return plan;
}

}  // namespace credence::report_internal

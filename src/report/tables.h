// The report's tables: sources, supersession events, each proposition's claims with their
// explanations, propositions not charted, articles and the run. Tables carry `data-sort` keys so
// that the page's script can sort them; without scripts they read in their written order.
#ifndef CREDENCE_REPORT_TABLES_H_
#define CREDENCE_REPORT_TABLES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "report/scores_view.h"

namespace credence::report_internal {

// What the page shows of a large document (see page_plan.h).
struct PagePlan;

std::string OutletTable(const ScoresView& view, const PagePlan& plan);
std::string SupersessionTable(const ScoresView& view, const PagePlan& plan);
// The claims of one charted proposition, each with its explanation behind a <details>.
std::string ClaimTable(const ScoresView& view, std::size_t proposition, const PagePlan& plan);
// One line per proposition in text: its timeline, for readers that skip the chart.
std::string TimelineText(const ScoresView& view, std::size_t proposition);
// Propositions that are not charted, one row each.
std::string PropositionTable(const ScoresView& view, const PagePlan& plan);
std::string ArticleTable(const ScoresView& view, const PagePlan& plan);
std::string RunTable(const ScoresView& view);
// The log posterior after each iteration, as a small line chart.
std::string ConvergenceChart(const RunView& run);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_TABLES_H_

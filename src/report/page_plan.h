// What the page shows of a document too large to show whole. Every figure of the document is
// summarised (counts, rankings, event table), but rows and charts are capped by ReportOptions so
// that a report of 1e5 claims stays a few megabytes and opens at once. The choice is
// deterministic: the same document and options give the same page.
#ifndef CREDENCE_REPORT_PAGE_PLAN_H_
#define CREDENCE_REPORT_PAGE_PLAN_H_

#include <cstddef>
#include <string>
#include <vector>

#include "credence/report.h"
#include "report/scores_view.h"

namespace credence::report_internal {

struct ArticleRow {
  std::string id;
  std::size_t article = ScoresView::kNone;  // into view.articles, when the document has it
  std::vector<std::size_t> claims;
};

struct PagePlan {
  // Sources ranked by the lower end of their 90% interval (then reliability, then id): a source
  // with one claim has a wide interval and does not rank above one with many good claims.
  std::vector<std::size_t> ranked_outlets;
  std::vector<std::size_t> rank_of;       // rank (0-based) of each outlet
  std::vector<std::size_t> plotted;       // outlets in the forest plot, in rank order
  std::size_t listed_outlets = 0;         // the first this many ranked outlets have a table row
  std::vector<bool> outlet_listed;        // by outlet index
  std::vector<std::size_t> charted;       // propositions with a chart, in document order
  std::vector<bool> proposition_charted;  // by proposition index
  std::vector<std::size_t> uncharted;     // the rest, in document order
  std::size_t listed_uncharted = 0;       // how many of them have a table row
  std::vector<bool> claim_listed;         // claims with a table row
  std::size_t listed_claims = 0;
  std::vector<ArticleRow> articles;  // in order of first claim
  std::size_t listed_articles = 0;
  std::size_t max_claims_per_proposition = 0;
};

PagePlan PlanPage(const ScoresView& view, const ReportOptions& options);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_PAGE_PLAN_H_

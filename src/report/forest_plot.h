// The forest plot of source reliability: one row per source, its 90% credible interval as a
// line and its reliability as a mark shaped by the source's kind, on a 0-1 axis with a dashed
// line where a source without evidence sits (the mode of the prior).
#ifndef CREDENCE_REPORT_FOREST_PLOT_H_
#define CREDENCE_REPORT_FOREST_PLOT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "report/scores_view.h"

namespace credence::report_internal {

// Rows in the order of `outlets` (indices into view.outlets).
std::string ForestPlot(const ScoresView& view, const std::vector<std::size_t>& outlets);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_FOREST_PLOT_H_

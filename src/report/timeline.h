// A proposition's timeline chart: one row per candidate value; the timeline's segments as bars
// in the row of their value; each supersession as a dashed line at its date over a shaded band,
// the window between the last claim of the old state and the first of the new (and, darker,
// the 90% interval of the date when the document gives one); each claim as a status mark at its
// date in the row of the value it asserts, linked to its row in the claims table.
#ifndef CREDENCE_REPORT_TIMELINE_H_
#define CREDENCE_REPORT_TIMELINE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "report/scores_view.h"

namespace credence::report_internal {

// At most this many value rows; the other values share one last row.
inline constexpr std::size_t kMaxValueRows = 8;

// Whether a claimed value agrees with a candidate value under the default comparison of
// docs/model.md (equal text; dates at the coarser granularity; quantities of one unit within
// 2%). Only for placing marks: the scores were computed with each predicate's own rule.
bool DisplayAgrees(const DisplayValue& claimed, const DisplayValue& candidate);

// `listed[c]`: claim c has a row on the page, so its mark links there.
std::string TimelineChart(const ScoresView& view, std::size_t proposition,
                          const std::vector<bool>& listed);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_TIMELINE_H_

// The HTML report: one self-contained page drawn from a scores document (the JSON that
// `credence score` writes). The command line's `credence report` and the service's `GET /` call
// this one function, so that every way of asking for the page gives the same bytes.
//
// The page needs no network (styles, script and charts are inline, and its Content-Security-
// Policy forbids every request), reads without scripts (the script only sorts and filters
// tables), and escapes every string of the document. docs/report.md says what each mark means.
#ifndef CREDENCE_REPORT_H_
#define CREDENCE_REPORT_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace credence {

// Caps on what the page lists, so that a large document gives a page that opens at once. Every
// count and ranking covers the whole document; rows beyond a cap are summarised by how many
// there are. The defaults and their derivation are in docs/report.md ("Scale").
struct ReportOptions {
  std::string title;                     // empty: "credence report: <input name>"
  std::size_t max_plotted_sources = 60;  // forest plot rows
  std::size_t max_table_rows = 2000;     // rows of the source, proposition and article tables
  std::size_t max_charted_propositions = 200;
  std::size_t max_claim_rows = 5000;  // claims listed with their explanations, all told
  std::size_t max_claims_per_proposition = 200;
};

// Renders `scores_document` as HTML to `out`. Throws credence::InputError naming `source` and a
// JSON pointer when the text is not a scores document. Deterministic: the same document and
// options give the same bytes.
void WriteReportHtml(std::string_view scores_document, const std::string& source,
                     const ReportOptions& options, std::ostream& out);
std::string ReportHtml(std::string_view scores_document, const std::string& source,
                       const ReportOptions& options = {});

}  // namespace credence

#endif  // CREDENCE_REPORT_H_

// The page skeleton: head with its Content-Security-Policy, the header with the run's counts,
// then the sections (sources, changes, propositions, articles, the run, how to read the page),
// each drawn by its own file.
#include <ostream>
#include <sstream>

#include "credence/report.h"
#include "report/assets.h"
#include "report/forest_plot.h"
#include "report/html.h"
#include "report/page_plan.h"
#include "report/scores_view.h"
#include "report/svg.h"
#include "report/tables.h"
#include "report/timeline.h"

namespace credence {
namespace {

using namespace report_internal;  // NOLINT(google-build-using-namespace): one file's helpers

std::string Plural(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string Filter(std::string_view target, std::string_view label) {
  return "<div class=\"filter\" data-target=\"" + std::string(target) + "\" data-label=\"" +
         std::string(label) + "\"></div>";
}

void Header(const ScoresView& view, const std::string& title, std::ostream& out) {
  const RunView& run = view.run;
  out << "<header><h1>" << Escape(title) << "</h1><p class=\"lede\">Scored by "
      << Escape(run.engine_name) << ' ' << Escape(run.engine_version) << " with "
      << Escape(run.algorithm) << " from <span class=\"id\">" << Escape(run.input)
      << "</span>.</p><ul class=\"counts\"><li>" << Plural(view.outlets.size(), "source")
      << "</li><li>" << Plural(view.claims.size(), "claim") << "</li><li>"
      << Plural(view.propositions.size(), "proposition") << "</li><li>"
      << Plural(view.supersessions.size(), "supersession") << "</li>";
  for (Status status : kStatuses) {
    out << "<li>" << StatusGlyph(status) << ' '
        << run.claims_by_status[static_cast<std::size_t>(status)] << ' ' << StatusName(status)
        << "</li>";
  }
  out << "</ul></header>";
  out << "<nav aria-label=\"Sections\"><ul><li><a href=\"#sources\">Sources</a></li>"
         "<li><a href=\"#changes\">Changes</a></li><li><a href=\"#propositions\">Propositions</a>"
         "</li><li><a href=\"#articles\">Articles</a></li><li><a href=\"#run\">The run</a></li>"
         "<li><a href=\"#legend\">How to read this page</a></li></ul></nav>";
}

void Sources(const ScoresView& view, const PagePlan& plan, std::ostream& out) {
  out << "<section id=\"sources\"><h2>Sources</h2><p>Each source's reliability (the probability "
         "that a claim whose content it answers for is true as of its date) with its 90% "
         "credible interval. Outlets publish; people and offices are the sources they cite. "
         "Sorted by the lower end of the interval, so that a source with little evidence does "
         "not rank above one with much.";
  if (plan.plotted.size() < view.outlets.size()) {
    out << " The plot shows the " << plan.plotted.size()
        << " sources that answer for the most claims; the table lists the others too.";
  }
  out << "</p><div class=\"scroll\">" << ForestPlot(view, plan.plotted) << "</div>"
      << Filter("outlet-table", "Filter sources") << "<div class=\"scroll long\">"
      << OutletTable(view, plan) << "</div></section>";
}

void Propositions(const ScoresView& view, const PagePlan& plan, std::ostream& out) {
  out << "<section id=\"propositions\"><h2>Propositions</h2><p>Each proposition's timeline: the "
         "value it held over time, when it changed, and every claim at its date. Select a "
         "claim's mark to read why it got its status.";
  if (!plan.uncharted.empty()) {
    out << " Charted: " << plan.charted.size() << " of " << view.propositions.size()
        << " propositions (those with a change first, then those with claims needing "
           "attention, then the most claims); the table after them lists the rest.";
  }
  out << "</p>" << Filter("proposition-list", "Filter propositions")
      << "<div id=\"proposition-list\">";
  for (std::size_t p : plan.charted) {
    const PropositionView& proposition = view.propositions[p];
    out << "<section class=\"proposition\" id=\"prop-" << p << "\" data-filter-item><h3>"
        << Escape(proposition.subject) << " <span class=\"note\">/ "
        << Escape(proposition.predicate) << "</span></h3>" << TimelineText(view, p)
        << "<div class=\"scroll\">" << TimelineChart(view, p, plan.claim_listed) << "</div>"
        << "<div class=\"scroll\">" << ClaimTable(view, p, plan) << "</div></section>";
  }
  out << "</div>";
  if (!plan.uncharted.empty()) {
    out << Filter("proposition-table", "Filter the other propositions")
        << "<div class=\"scroll long\">" << PropositionTable(view, plan) << "</div>";
  }
  out << "</section>";
}

void Legend(const ScoresView& view, std::ostream& out) {
  const auto row = [&](const std::string& picture, const std::string& text) {
    out << "<div>" << picture << "</div><div>" << text << "</div>";
  };
  const auto swatch = [](const std::string& shape) {
    return "<svg width=\"36\" height=\"16\" viewBox=\"0 0 36 16\" aria-hidden=\"true\">" + shape +
           "</svg>";
  };
  out << "<section id=\"legend\"><h2>How to read this page</h2><div class=\"legend\">";
  const char* const meaning[] = {
      "confirmed: probability at or above the confirm threshold",
      "contradicted: probability at or below the contradict threshold",
      "superseded: right when made; a later value overtook it (not held against its source)",
      "unresolved: the evidence is thin or split"};
  for (Status status : kStatuses) {
    row(swatch(StatusShape(status, 18, 8, 11)),
        "Claim mark, " + std::string(meaning[static_cast<std::size_t>(status)]) +
            (status == Status::kConfirmed ? " (" + Fixed(view.run.confirm_threshold, 2) + ")"
             : status == Status::kContradicted
                 ? " (" + Fixed(view.run.contradict_threshold, 2) + ")"
                 : std::string()));
  }
  row(swatch(SourceShape("outlet", 18, 8, 10)), "Forest plot: an outlet's reliability");
  row(swatch(SourceShape("person", 18, 8, 10)), "Forest plot: a cited person's reliability");
  row(swatch(SourceShape("office", 18, 8, 10)),
      "Forest plot: a cited office or other source's reliability");
  row(swatch("<line class=\"interval\" x1=\"2\" y1=\"8\" x2=\"34\" y2=\"8\"/>"),
      "Forest plot: the 90% credible interval (5% to 95% of the reliability's posterior)");
  row(swatch("<line class=\"prior\" x1=\"18\" y1=\"0\" x2=\"18\" y2=\"16\"/>"),
      "Forest plot: where a source without evidence sits (the prior's mode)");
  row(swatch("<rect class=\"segment\" x=\"2\" y=\"3\" width=\"32\" height=\"10\"/>"),
      "Timeline: a segment, the value the proposition held over that time, in the row of "
      "that value");
  row(swatch("<line class=\"change-point\" x1=\"18\" y1=\"0\" x2=\"18\" y2=\"16\"/>"),
      "Timeline: a change point, the date the new value starts");
  row(swatch("<rect class=\"change-window\" x=\"6\" y=\"0\" width=\"24\" height=\"16\"/>"),
      "Timeline: the window of a change, between the last claim of the old value and the "
      "first of the new");
  row(swatch("<rect class=\"change-interval\" x=\"12\" y=\"0\" width=\"12\" height=\"16\"/>"),
      "Timeline: the 90% interval of the change's date, when the scores give one");
  out << "</div><p>docs/report.md in the credence sources says how each figure is computed.</p>"
         "</section>";
}

}  // namespace

void WriteReportHtml(std::string_view scores_document, const std::string& source,
                     const ReportOptions& options, std::ostream& out) {
  const ScoresView view = ReadScoresView(scores_document, source);
  const PagePlan plan = PlanPage(view, options);
  const std::string title =
      options.title.empty() ? "credence report: " + view.run.input : options.title;
  // Nothing may load: no fetch, image, font, frame or form target; only the page's own style
  // sheet and script, named by hash.
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src "
      << CspHash(kScript) << "; style-src " << CspHash(kStyleSheet)
      << "; img-src data:; base-uri 'none'; form-action 'none'\">"
      << "<meta name=\"referrer\" content=\"no-referrer\">"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      << "<meta name=\"generator\" content=\"" << Escape(view.run.engine_name) << ' '
      << Escape(view.run.engine_version) << "\"><title>" << Escape(title) << "</title><style>"
      << kStyleSheet << "</style></head>\n<body><a class=\"skip\" href=\"#main\">Skip to the "
      << "report</a>" << GlyphSymbols();
  Header(view, title, out);
  out << "<main id=\"main\">";
  Sources(view, plan, out);
  out << "<section id=\"changes\"><h2>Changes</h2>" << SupersessionTable(view, plan)
      << "</section>\n";
  Propositions(view, plan, out);
  out << "\n<section id=\"articles\"><h2>Articles</h2>";
  if (plan.articles.empty()) {
    out << "<p>The input names no articles (tabular data).</p>";
  } else {
    out << Filter("article-table", "Filter articles") << "<div class=\"scroll long\">"
        << ArticleTable(view, plan) << "</div>";
  }
  out << "</section><section id=\"run\"><h2>The run</h2>" << RunTable(view)
      << ConvergenceChart(view.run) << "</section>";
  Legend(view, out);
  out << "</main><script>" << kScript << "</script></body></html>\n";
}

std::string ReportHtml(std::string_view scores_document, const std::string& source,
                       const ReportOptions& options) {
  std::ostringstream out;
  WriteReportHtml(scores_document, source, options, out);
  return std::move(out).str();
}

}  // namespace credence

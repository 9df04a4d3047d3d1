#include "report/tables.h"

#include <algorithm>
#include <cmath>

#include "report/html.h"
#include "report/page_plan.h"
#include "report/svg.h"

namespace credence::report_internal {
namespace {

std::string Th(std::string_view label, std::string_view help = {}) {
  std::string th = "<th scope=\"col\"";
  if (!help.empty()) th += " title=\"" + Escape(help) + "\"";
  return th + ">" + std::string(label) + "</th>";
}

std::string Td(std::string_view sort_key, std::string_view html) {
  return "<td data-sort=\"" + Escape(sort_key) + "\">" + std::string(html) + "</td>";
}

std::string Number(int value) { return std::to_string(value); }

std::string StatusCell(Status status) {
  const std::string name(StatusName(status));
  return Td(name, StatusGlyph(status) + " " + name);
}

std::string ClaimLink(const ScoresView& view, const PagePlan& plan, std::size_t c) {
  const std::string& id = view.claims[c].id;
  if (!plan.claim_listed[c]) return "<span class=\"id\">" + Escape(id) + "</span>";
  return "<a class=\"id\" href=\"#" + Anchor("claim", id) + "\">" + Escape(id) + "</a>";
}

std::string ClaimLinks(const ScoresView& view, const PagePlan& plan,
                       const std::vector<std::size_t>& claims, std::size_t max_shown = 6) {
  if (claims.empty()) return "none";
  std::string html;
  for (std::size_t i = 0; i < claims.size() && i < max_shown; ++i) {
    html += (i == 0 ? "" : ", ") + ClaimLink(view, plan, claims[i]);
  }
  if (claims.size() > max_shown) {
    html += " and " + std::to_string(claims.size() - max_shown) + " more";
  }
  return html;
}

std::string SourceLink(const ScoresView& view, const PagePlan& plan, const std::string& id) {
  const std::size_t s = view.FindOutlet(id);
  if (s == ScoresView::kNone) return Escape(id);
  std::string name = Escape(view.outlets[s].name);
  if (!plan.outlet_listed[s]) return name;
  return "<a href=\"#" + Anchor("outlet", id) + "\">" + name + "</a>";
}

// Only web links: a document could carry "javascript:" or a local file path.
bool IsWebUrl(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string ArticleCell(const ScoresView& view, const PagePlan& plan, const ClaimView& claim) {
  if (claim.article.empty()) return "<td data-sort=\"\">none</td>";
  std::string html = plan.listed_articles > 0 ? "<a href=\"#" + Anchor("article", claim.article) +
                                                    "\">" + Escape(claim.article) + "</a>"
                                              : Escape(claim.article);
  const std::size_t a = view.FindArticle(claim.article);
  if (a != ScoresView::kNone) {
    const ArticleView& article = view.articles[a];
    const std::string title = article.title.empty() ? "article" : Shorten(article.title, 60);
    if (IsWebUrl(article.url)) {
      html += "<br><a class=\"external\" rel=\"noreferrer noopener\" href=\"" +
              Escape(article.url) + "\">" + Escape(title) + "</a>";
    } else if (!article.title.empty()) {
      html += "<br><span class=\"title\">" + Escape(title) + "</span>";
    }
  }
  return Td(claim.article, html);
}

std::string Explanation(const ScoresView& view, const PagePlan& plan, const ClaimView& claim) {
  std::string html = "<p>" + Escape(claim.reason) + "</p><dl>";
  html += "<dt>Content source</dt><dd>" + SourceLink(view, plan, claim.content_source) +
          ", reliability " + Fixed(claim.source_reliability, 3) + "</dd>";
  if (!claim.via.empty()) {
    std::string chain = SourceLink(view, plan, claim.outlet);
    for (const std::string& via : claim.via) chain += " &#8592; " + SourceLink(view, plan, via);
    html += "<dt>Relayed</dt><dd>" + chain +
            (claim.via_inferred ? " (attribution inferred by the extractor)" : "") + "</dd>";
  }
  html += "<dt>Evidence weight</dt><dd>" + Fixed(claim.weight, 3) + " (confidence " +
          Fixed(claim.confidence, 2) + " shared within its evidence group)</dd>";
  html += "<dt>Agrees with</dt><dd>" + ClaimLinks(view, plan, claim.agrees_with) + "</dd>";
  html += "<dt>Conflicts with</dt><dd>" + ClaimLinks(view, plan, claim.conflicts_with) + "</dd>";
  html += "<dt>Same evidence group</dt><dd>" + ClaimLinks(view, plan, claim.relays_with) + "</dd>";
  if (!claim.superseded_by.empty()) {
    html += "<dt>Superseded by</dt><dd>" + ClaimLinks(view, plan, claim.superseded_by) + "</dd>";
  }
  html += "</dl>";
  if (!claim.influences.empty()) {
    html += "<p>Evidence groups that moved it most:</p><ol class=\"influences\">";
    constexpr std::size_t kMaxInfluences = 5;
    for (std::size_t i = 0; i < claim.influences.size() && i < kMaxInfluences; ++i) {
      const InfluenceView& influence = claim.influences[i];
      const std::string sign = influence.delta >= 0 ? "+" : "&#8722;";
      html += "<li>" + sign + Fixed(std::abs(influence.delta), 3) + " from the group of " +
              Escape(influence.group) + " (content source " +
              SourceLink(view, plan, influence.source) +
              (influence.num_claims > 1 ? ", " + std::to_string(influence.num_claims) + " claims"
                                        : std::string()) +
              ")</li>";
    }
    html += "</ol>";
  }
  return html;
}

}  // namespace

std::string OutletTable(const ScoresView& view, const PagePlan& plan) {
  std::string html =
      "<table class=\"sortable\" id=\"outlet-table\"><caption>Sources ranked by the lower end "
      "of their 90% interval";
  if (plan.listed_outlets < view.outlets.size()) {
    html += " (the first " + std::to_string(plan.listed_outlets) + " of " +
            std::to_string(view.outlets.size()) + ")";
  }
  html += "</caption><thead><tr>" + Th("Rank") + Th("Source") + Th("Kind") +
          Th("Reliability", "probability that a claim it answers for is true") +
          Th("90% interval") + Th("Published", "claims it published") +
          Th("Confirmed", "published claims confirmed") +
          Th("Contradicted", "published claims contradicted") +
          Th("Superseded", "published claims right when made, later overtaken") +
          Th("Unresolved", "published claims the evidence cannot decide") +
          Th("First-hand", "published claims with itself as content source") +
          Th("Relayed", "published claims citing another source") +
          Th("Answers for", "claims, its own or relayed by others, whose content it answers for") +
          "</tr></thead><tbody>";
  for (std::size_t r = 0; r < plan.listed_outlets; ++r) {
    const OutletView& outlet = view.outlets[plan.ranked_outlets[r]];
    const StatusCounts& counts = outlet.published_by_status;
    const std::string kind = outlet.IsOutlet() ? "outlet" : "cited " + outlet.kind;
    html +=
        "<tr id=\"" + Anchor("outlet", outlet.id) + "\" data-filter-item>" +
        Td(std::to_string(r + 1), std::to_string(r + 1)) +
        Td(outlet.name, Escape(outlet.name) + "<br><span class=\"id\">" + Escape(outlet.id) +
                            "</span><br><span class=\"note\">" + Escape(outlet.note) + "</span>") +
        Td(kind, SourceGlyph(outlet.kind) + " " + Escape(kind)) +
        Td(Fixed(outlet.reliability, 6), Fixed(outlet.reliability, 3)) +
        Td(Fixed(outlet.low, 6), "[" + Fixed(outlet.low, 3) + ", " + Fixed(outlet.high, 3) + "]") +
        Td(Number(outlet.published), Number(outlet.published));
    for (Status status : kStatuses) {
      const int count = counts[static_cast<std::size_t>(status)];
      html += Td(Number(count), Number(count));
    }
    html += Td(Number(outlet.first_hand), Number(outlet.first_hand)) +
            Td(Number(outlet.relayed), Number(outlet.relayed)) +
            Td(Number(outlet.as_content_source), Number(outlet.as_content_source)) + "</tr>";
  }
  return html + "</tbody></table>";
}

std::string SupersessionTable(const ScoresView& view, const PagePlan& plan) {
  if (view.supersessions.empty()) {
    return "<p>No timeline changes value: nothing was overtaken by later reporting.</p>";
  }
  bool any_probability = false;
  for (const SupersessionView& event : view.supersessions) {
    any_probability = any_probability || event.change_probability.has_value();
  }
  std::string html =
      "<table class=\"sortable\" id=\"supersession-table\"><caption>Supersession events: a "
      "timeline changes value, and the earlier claims of the old value are overtaken, not "
      "wrong</caption><thead><tr>" +
      Th("Date", "the day the new value starts") + Th("Proposition") + Th("From") + Th("To") +
      Th("Kind") + Th("Window", "between the last claim of the old value and the first of the new");
  if (any_probability) html += Th("Change probability", "probability that the world changed");
  html += Th("Overtaken claims") + Th("Established by") + "</tr></thead><tbody>";
  for (const SupersessionView& event : view.supersessions) {
    const PropositionView& proposition = view.propositions[event.proposition];
    std::string window;
    std::int32_t window_from = event.at;
    std::int32_t window_until = event.at;
    for (std::size_t s = 1; s < proposition.timeline.size(); ++s) {
      if (proposition.timeline[s].from == event.at) {
        window_from = proposition.timeline[s - 1].evidence_until;
        window_until = proposition.timeline[s].evidence_from;
      }
    }
    window = IsoDay(window_from) + " to " + IsoDay(window_until);
    if (event.interval) {
      window +=
          "<br>90%: " + IsoDay(event.interval->first) + " to " + IsoDay(event.interval->second);
    }
    const std::string name = Escape(proposition.subject) + " / " + Escape(proposition.predicate);
    const std::string link =
        plan.proposition_charted[event.proposition]
            ? "<a href=\"#prop-" + std::to_string(event.proposition) + "\">" + name + "</a>"
            : name;
    html += "<tr data-filter-item>" + Td(IsoDay(event.at), IsoDay(event.at)) +
            Td(proposition.subject + " " + proposition.predicate, link) +
            Td(event.from_value.text, Escape(event.from_value.text)) +
            Td(event.to_value.text, Escape(event.to_value.text)) +
            Td(event.kind, Escape(event.kind)) + Td(IsoDay(window_from), window);
    if (any_probability) {
      const std::string p =
          event.change_probability ? Fixed(*event.change_probability, 3) : std::string();
      html += Td(p, p.empty() ? "n/a" : p);
    }
    html +=
        Td(std::to_string(event.superseded.size()), ClaimLinks(view, plan, event.superseded, 20)) +
        Td(std::to_string(event.establishing.size()),
           ClaimLinks(view, plan, event.establishing, 20)) +
        "</tr>";
  }
  return html + "</tbody></table>";
}

std::string ClaimTable(const ScoresView& view, std::size_t p, const PagePlan& plan) {
  const PropositionView& proposition = view.propositions[p];
  std::string html = "<table class=\"sortable claims\"><caption>Claims on " +
                     Escape(proposition.subject) + " / " + Escape(proposition.predicate) +
                     " in time order";
  const std::size_t shown = std::min(proposition.claims.size(), plan.max_claims_per_proposition);
  if (shown < proposition.claims.size()) {
    html += " (the first " + std::to_string(shown) + " of " +
            std::to_string(proposition.claims.size()) + ")";
  }
  html += "</caption><thead><tr>" + Th("Claim") + Th("Outlet") + Th("Value") + Th("As of") +
          Th("Probability", "probability that the claim was true as of its date") + Th("Status") +
          Th("Article") + Th("Why") + "</tr></thead><tbody>";
  for (std::size_t i = 0; i < shown; ++i) {
    const std::size_t c = proposition.claims[i];
    const ClaimView& claim = view.claims[c];
    std::string outlet = SourceLink(view, plan, claim.outlet);
    if (!claim.via.empty())
      outlet +=
          "<br><span class=\"via\">citing " + SourceLink(view, plan, claim.via.front()) + "</span>";
    const std::string probability = claim.probability ? Fixed(*claim.probability, 3) : "";
    html += "<tr id=\"" + Anchor("claim", claim.id) + "\" data-filter-item>" +
            Td(claim.id, "<span class=\"id\">" + Escape(claim.id) + "</span>") +
            Td(claim.outlet, outlet) + Td(claim.value.text, Escape(claim.value.text)) +
            Td(claim.as_of,
               Escape(claim.as_of) +
                   (claim.as_of_fallback ? "<br><span class=\"note\">date assumed</span>" : "")) +
            Td(claim.probability ? Fixed(*claim.probability, 6) : "-1",
               probability.empty() ? "not scored" : probability) +
            StatusCell(claim.status) + ArticleCell(view, plan, claim) +
            "<td><details><summary>Why " + std::string(StatusName(claim.status)) +
            "</summary><div class=\"explanation\">" + Explanation(view, plan, claim) +
            "</div></details></td></tr>";
  }
  return html + "</tbody></table>";
}

std::string TimelineText(const ScoresView& view, std::size_t p) {
  const PropositionView& proposition = view.propositions[p];
  if (proposition.timeline.empty()) {
    return "<p class=\"timeline-text\">No timeline: no claim of this proposition is scored.</p>";
  }
  std::string html = "<p class=\"timeline-text\">Timeline: ";
  for (std::size_t s = 0; s < proposition.timeline.size(); ++s) {
    const SegmentView& segment = proposition.timeline[s];
    html += s == 0 ? "" : "; then ";
    html += "<strong>" + Escape(segment.value.text) + "</strong>";
    if (segment.from) html += " from " + IsoDay(*segment.from);
    if (segment.until) html += " until " + IsoDay(*segment.until);
    if (!segment.from && !segment.until) html += " throughout";
    html += " (probability " + Fixed(segment.probability, 2) + ", " +
            std::to_string(segment.claims.size()) + " claim" +
            (segment.claims.size() == 1 ? "" : "s") + ")";
  }
  if (proposition.change_rate) {
    html += ". Learned change rate: " + Fixed(*proposition.change_rate, 3) + " a year";
  }
  return html + ".</p>";
}

std::string PropositionTable(const ScoresView& view, const PagePlan& plan) {
  std::string html =
      "<table class=\"sortable\" id=\"proposition-table\"><caption>Propositions without a "
      "chart";
  if (plan.listed_uncharted < plan.uncharted.size()) {
    html += " (the first " + std::to_string(plan.listed_uncharted) + " of " +
            std::to_string(plan.uncharted.size()) + ")";
  }
  html += "</caption><thead><tr>" + Th("Subject") + Th("Predicate") + Th("Claims") +
          Th("Timeline") + Th("Changes") + "</tr></thead><tbody>";
  for (std::size_t i = 0; i < plan.listed_uncharted; ++i) {
    const std::size_t p = plan.uncharted[i];
    const PropositionView& proposition = view.propositions[p];
    std::string timeline;
    for (const SegmentView& segment : proposition.timeline) {
      timeline += (timeline.empty() ? "" : " &#8594; ") + Escape(segment.value.text) + " (" +
                  Fixed(segment.probability, 2) + ")";
    }
    html +=
        "<tr data-filter-item>" + Td(proposition.subject, Escape(proposition.subject)) +
        Td(proposition.predicate, Escape(proposition.predicate)) +
        Td(std::to_string(proposition.claims.size()), std::to_string(proposition.claims.size())) +
        Td(timeline, timeline.empty() ? "none" : timeline) +
        Td(std::to_string(proposition.supersessions.size()),
           std::to_string(proposition.supersessions.size())) +
        "</tr>";
  }
  return html + "</tbody></table>";
}

std::string ArticleTable(const ScoresView& view, const PagePlan& plan) {
  std::string html = "<table class=\"sortable\" id=\"article-table\"><caption>Articles";
  if (plan.listed_articles < plan.articles.size()) {
    html += " (the first " + std::to_string(plan.listed_articles) + " of " +
            std::to_string(plan.articles.size()) + ")";
  }
  html += "</caption><thead><tr>" + Th("Article") + Th("Outlet") + Th("Published") + Th("Title") +
          Th("Claims") + "</tr></thead><tbody>";
  for (std::size_t i = 0; i < plan.listed_articles; ++i) {
    const ArticleRow& row = plan.articles[i];
    const ArticleView* article =
        row.article == ScoresView::kNone ? nullptr : &view.articles[row.article];
    const std::string& outlet = article ? article->outlet : view.claims[row.claims.front()].outlet;
    std::string title = article ? Escape(article->title) : std::string();
    if (article && IsWebUrl(article->url)) {
      title = "<a class=\"external\" rel=\"noreferrer noopener\" href=\"" + Escape(article->url) +
              "\">" + (title.empty() ? Escape(article->url) : title) + "</a>";
    }
    const std::string published = article ? article->published : std::string();
    html += "<tr id=\"" + Anchor("article", row.id) + "\" data-filter-item>" +
            Td(row.id, "<span class=\"id\">" + Escape(row.id) + "</span>") +
            Td(outlet, SourceLink(view, plan, outlet)) +
            Td(published, published.empty() ? "unknown" : Escape(published)) +
            Td(article ? article->title : std::string(), title) +
            Td(std::to_string(row.claims.size()), ClaimLinks(view, plan, row.claims, 12)) + "</tr>";
  }
  return html + "</tbody></table>";
}

std::string RunTable(const ScoresView& view) {
  const RunView& run = view.run;
  const auto row = [](std::string_view name, const std::string& html) {
    return "<tr><th scope=\"row\">" + std::string(name) + "</th><td>" + html + "</td></tr>";
  };
  std::string html = "<table class=\"run\"><caption>How the scores were computed</caption><tbody>";
  html += row("Engine", Escape(run.engine_name) + " " + Escape(run.engine_version) +
                            " (scores document version " + Escape(run.schema_version) + ")");
  html += row("Input", "<span class=\"id\">" + Escape(run.input) + "</span>");
  html += row("Input digest", "<span class=\"id\">" + Escape(run.input_digest) + "</span>");
  html += row("Algorithm", Escape(run.algorithm));
  html += row("Convergence",
              std::string(run.converged ? "converged" : "did not converge") + " (" +
                  Escape(run.termination) + ") after " + std::to_string(run.iterations) +
                  " iterations; largest change in the last " + Escape(Fixed(run.final_change, 9)) +
                  (run.message.empty() ? "" : "; " + Escape(run.message)));
  html += row("Consistency graph", std::to_string(run.components) + " connected components, " +
                                       std::to_string(run.evidence_groups) + " evidence groups");
  std::string options;
  for (const auto& [name, value] : run.options) {
    options += (options.empty() ? "" : ", ") + Escape(name) + " = " + Escape(value);
  }
  html += row("Options", options);
  if (run.solve_seconds) {
    html += row("Solve time", Fixed(*run.solve_seconds, 3) +
                                  " s (the only figure that differs between identical runs)");
  }
  return html + "</tbody></table>";
}

std::string ConvergenceChart(const RunView& run) {
  if (run.log_likelihood.size() < 2) return {};
  constexpr double kWidth = 360;
  constexpr double kHeight = 90;
  constexpr double kLeft = 8;
  constexpr double kTop = 8;
  const auto [low, high] =
      std::minmax_element(run.log_likelihood.begin(), run.log_likelihood.end());
  const double range = *high - *low > 0 ? *high - *low : 1;
  std::string points;
  const double last = static_cast<double>(run.log_likelihood.size() - 1);
  for (std::size_t i = 0; i < run.log_likelihood.size(); ++i) {
    const double x = kLeft + (kWidth - 2 * kLeft) * static_cast<double>(i) / last;
    const double y = kTop + (kHeight - 2 * kTop) * (*high - run.log_likelihood[i]) / range;
    points += (i == 0 ? "" : " ") + Coord(x) + "," + Coord(y);
  }
  return "<svg class=\"convergence\" role=\"img\" width=\"" + Coord(kWidth) + "\" height=\"" +
         Coord(kHeight) + "\" viewBox=\"0 0 " + Coord(kWidth) + " " + Coord(kHeight) +
         "\"><title>Objective after each of " + std::to_string(run.log_likelihood.size() - 1) +
         " iterations, from " + Fixed(run.log_likelihood.front(), 4) + " to " +
         Fixed(run.log_likelihood.back(), 4) + "</title><polyline points=\"" + points +
         "\"/></svg>";
}

}  // namespace credence::report_internal

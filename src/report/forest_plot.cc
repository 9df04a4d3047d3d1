#include "report/forest_plot.h"

#include <algorithm>

#include "report/html.h"
#include "report/svg.h"

namespace credence::report_internal {
namespace {

constexpr double kWidth = 760;
constexpr double kLabelWidth = 250;
constexpr double kValueWidth = 110;
constexpr double kRowHeight = 20;
constexpr double kTop = 28;     // room for the axis labels
constexpr double kBottom = 22;  // room for the prior note
constexpr double kPlotLeft = kLabelWidth + 10;
constexpr double kPlotWidth = kWidth - kLabelWidth - kValueWidth - 20;

double X(double reliability) { return kPlotLeft + std::clamp(reliability, 0.0, 1.0) * kPlotWidth; }

}  // namespace

std::string ForestPlot(const ScoresView& view, const std::vector<std::size_t>& outlets) {
  const double height = kTop + kRowHeight * static_cast<double>(outlets.size()) + kBottom;
  const double plot_bottom = height - kBottom;
  // Where EM starts every source and where a source without evidence stays: the mode of
  // Beta(alpha + 1, beta + 1) (docs/model.md, "Prior").
  const RunView& run = view.run;
  const double prior_mode = run.prior_alpha + run.prior_beta > 0
                                ? run.prior_alpha / (run.prior_alpha + run.prior_beta)
                                : 0.5;
  std::string svg = "<svg class=\"forest-plot\" role=\"group\" width=\"" + Coord(kWidth) +
                    "\" height=\"" + Coord(height) + "\" viewBox=\"0 0 " + Coord(kWidth) + " " +
                    Coord(height) + "\" aria-labelledby=\"forest-title\">";
  svg += "<title id=\"forest-title\">Reliability of " + std::to_string(outlets.size()) +
         " sources with their 90% credible intervals</title>";
  // Axis: gridlines and labels every 0.2.
  for (int tick = 0; tick <= 5; ++tick) {
    const double x = X(tick * 0.2);
    svg += "<line class=\"grid\" x1=\"" + Coord(x) + "\" y1=\"" + Coord(kTop - 6) + "\" x2=\"" +
           Coord(x) + "\" y2=\"" + Coord(plot_bottom) + "\"/>";
    svg += "<text class=\"axis\" x=\"" + Coord(x) + "\" y=\"" + Coord(kTop - 10) +
           "\" text-anchor=\"middle\">" + Fixed(tick * 0.2, 1) + "</text>";
  }
  const double prior_x = X(prior_mode);
  svg += "<line class=\"prior\" x1=\"" + Coord(prior_x) + "\" y1=\"" + Coord(kTop - 6) +
         "\" x2=\"" + Coord(prior_x) + "\" y2=\"" + Coord(plot_bottom) + "\"><title>" +
         Fixed(prior_mode, 2) + ": the reliability of a source without evidence</title></line>";
  svg += "<text class=\"axis\" x=\"" + Coord(prior_x) + "\" y=\"" + Coord(height - 6) +
         "\" text-anchor=\"middle\">no evidence: " + Fixed(prior_mode, 2) + "</text>";
  for (std::size_t row = 0; row < outlets.size(); ++row) {
    const OutletView& outlet = view.outlets[outlets[row]];
    const double y = kTop + kRowHeight * (static_cast<double>(row) + 0.5);
    const std::string what = outlet.IsOutlet() ? "outlet" : "cited " + outlet.kind;
    svg += "<g class=\"forest-row\" data-outlet=\"" + Escape(outlet.id) + "\"><title>" +
           Escape(outlet.name) + " (" + Escape(what) + "): reliability " +
           Fixed(outlet.reliability, 3) + ", 90% interval " + Fixed(outlet.low, 3) + " to " +
           Fixed(outlet.high, 3) + "; " + std::to_string(outlet.published) +
           " claims published, content source of " + std::to_string(outlet.as_content_source) +
           "</title>";
    if (row % 2 == 1) {
      svg += "<rect class=\"band\" x=\"0\" y=\"" + Coord(y - kRowHeight / 2) + "\" width=\"" +
             Coord(kWidth) + "\" height=\"" + Coord(kRowHeight) + "\"/>";
    }
    svg += "<a href=\"#" + Anchor("outlet", outlet.id) + "\"><text class=\"label\" x=\"" +
           Coord(kLabelWidth) + "\" y=\"" + Coord(y + 4) + "\" text-anchor=\"end\">" +
           Escape(Shorten(outlet.name, 34)) + "</text></a>";
    svg += "<line class=\"interval\" x1=\"" + Coord(X(outlet.low)) + "\" y1=\"" + Coord(y) +
           "\" x2=\"" + Coord(X(outlet.high)) + "\" y2=\"" + Coord(y) + "\"/>";
    svg += SourceShape(outlet.kind, X(outlet.reliability), y, 10);
    svg += "<text class=\"value\" x=\"" + Coord(kWidth - kValueWidth) + "\" y=\"" + Coord(y + 4) +
           "\">" + Fixed(outlet.reliability, 2) + " [" + Fixed(outlet.low, 2) + ", " +
           Fixed(outlet.high, 2) + "]</text></g>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace credence::report_internal

#include "report/timeline.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "report/html.h"
#include "report/svg.h"

namespace credence::report_internal {
namespace {

constexpr double kWidth = 760;
constexpr double kPlotLeft = 180;
constexpr double kPlotRight = 745;
constexpr double kRowHeight = 26;
constexpr double kTop = 6;
constexpr double kAxisHeight = 26;
constexpr double kDefaultTolerance = 0.02;  // model.md: the default relative tolerance

bool DatePrefix(const std::string& shorter, const std::string& longer) {
  return shorter.size() < longer.size() && longer.compare(0, shorter.size(), shorter) == 0 &&
         longer[shorter.size()] == '-';
}

// The rows of the chart: the candidate values (those the timeline holds first, then those
// most claims assert, when there are too many) and, when needed, a last row for the rest.
struct Rows {
  std::vector<DisplayValue> values;
  bool has_other = false;

  std::size_t size() const { return values.size() + (has_other ? 1 : 0); }
  std::size_t RowOf(const DisplayValue& value) const {
    if (!value.is_other) {
      for (std::size_t r = 0; r < values.size(); ++r) {
        if (DisplayAgrees(value, values[r])) return r;
      }
    }
    return values.size();  // the "other" row
  }
};

Rows ChooseRows(const ScoresView& view, const PropositionView& proposition) {
  std::vector<std::size_t> order(proposition.values.size());
  std::vector<int> weight(proposition.values.size(), 0);
  for (std::size_t v = 0; v < order.size(); ++v) order[v] = v;
  for (std::size_t v = 0; v < proposition.values.size(); ++v) {
    for (const SegmentView& segment : proposition.timeline) {
      if (!segment.value.is_other && DisplayAgrees(segment.value, proposition.values[v])) {
        weight[v] += 1 << 20;  // a value the timeline holds always gets a row
      }
    }
    for (std::size_t c : proposition.claims) {
      if (DisplayAgrees(view.claims[c].value, proposition.values[v])) ++weight[v];
    }
  }
  Rows rows;
  if (order.size() > kMaxValueRows) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return weight[a] > weight[b]; });
    order.resize(kMaxValueRows);
    std::sort(order.begin(), order.end());
    rows.has_other = true;
  }
  for (std::size_t v : order) rows.values.push_back(proposition.values[v]);
  for (const SegmentView& segment : proposition.timeline) {
    if (rows.RowOf(segment.value) == rows.values.size()) rows.has_other = true;
  }
  for (std::size_t c : proposition.claims) {
    if (rows.RowOf(view.claims[c].value) == rows.values.size()) rows.has_other = true;
  }
  return rows;
}

}  // namespace

bool DisplayAgrees(const DisplayValue& claimed, const DisplayValue& candidate) {
  if (claimed.is_other || candidate.is_other) return claimed.is_other && candidate.is_other;
  if (claimed.is_quantity && candidate.is_quantity) {
    return claimed.unit == candidate.unit &&
           std::abs(claimed.amount - candidate.amount) <=
               kDefaultTolerance * std::max(std::abs(claimed.amount), std::abs(candidate.amount));
  }
  return claimed.text == candidate.text || DatePrefix(claimed.text, candidate.text) ||
         DatePrefix(candidate.text, claimed.text);
}

std::string TimelineChart(const ScoresView& view, std::size_t p, const std::vector<bool>& listed) {
  const PropositionView& proposition = view.propositions[p];
  const Rows rows = ChooseRows(view, proposition);

  // The time axis spans every date the chart shows, with a margin.
  std::int32_t first = 0;
  std::int32_t last = 0;
  bool any = false;
  const auto cover = [&](std::int32_t day) {
    first = any ? std::min(first, day) : day;
    last = any ? std::max(last, day) : day;
    any = true;
  };
  for (std::size_t c : proposition.claims) cover(view.claims[c].day);
  for (const SegmentView& segment : proposition.timeline) {
    cover(segment.evidence_from);
    cover(segment.evidence_until);
    if (segment.from) cover(*segment.from);
    if (segment.until) cover(*segment.until);
  }
  for (std::size_t e : proposition.supersessions) {
    const SupersessionView& event = view.supersessions[e];
    cover(event.at);
    if (event.interval) {
      cover(event.interval->first);
      cover(event.interval->second);
    }
  }
  const std::int32_t margin = std::max<std::int32_t>(15, (last - first) / 25);
  first -= margin;
  last += margin;
  const auto x = [&](std::int32_t day) {
    return kPlotLeft + (kPlotRight - kPlotLeft) * (day - first) / static_cast<double>(last - first);
  };
  const auto row_y = [&](std::size_t row) {
    return kTop + kRowHeight * (static_cast<double>(row) + 0.5);
  };
  const double plot_bottom = kTop + kRowHeight * static_cast<double>(rows.size());
  const double height = plot_bottom + kAxisHeight;

  std::string svg = "<svg class=\"timeline\" role=\"group\" width=\"" + Coord(kWidth) +
                    "\" height=\"" + Coord(height) + "\" viewBox=\"0 0 " + Coord(kWidth) + " " +
                    Coord(height) + "\" data-proposition=\"" + std::to_string(p) + "\">";
  svg += "<title>Timeline of " + Escape(proposition.subject) + " / " +
         Escape(proposition.predicate) + ": " + std::to_string(proposition.timeline.size()) +
         " segments, " + std::to_string(proposition.supersessions.size()) + " changes, " +
         std::to_string(proposition.claims.size()) + " claims</title>";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = row_y(r);
    const std::string label = r < rows.values.size()
                                  ? rows.values[r].text
                                  : (rows.values.empty() ? "claimed values" : "other values");
    if (r % 2 == 1) {
      svg += "<rect class=\"band\" x=\"" + Coord(kPlotLeft) + "\" y=\"" +
             Coord(y - kRowHeight / 2) + "\" width=\"" + Coord(kPlotRight - kPlotLeft) +
             "\" height=\"" + Coord(kRowHeight) + "\"/>";
    }
    svg += "<text class=\"label\" x=\"" + Coord(kPlotLeft - 8) + "\" y=\"" + Coord(y + 4) +
           "\" text-anchor=\"end\">" + Escape(Shorten(label, 26)) + "</text>";
  }
  for (const Tick& tick : TimeTicks(first, last, 6)) {
    const double tx = x(tick.day);
    svg += "<line class=\"grid\" x1=\"" + Coord(tx) + "\" y1=\"" + Coord(kTop) + "\" x2=\"" +
           Coord(tx) + "\" y2=\"" + Coord(plot_bottom + 4) + "\"/><text class=\"axis\" x=\"" +
           Coord(tx) + "\" y=\"" + Coord(plot_bottom + 17) + "\" text-anchor=\"middle\">" +
           tick.label + "</text>";
  }
  // Change windows under everything else.
  for (std::size_t e : proposition.supersessions) {
    const SupersessionView& event = view.supersessions[e];
    std::int32_t window_from = event.at;
    std::int32_t window_until = event.at;
    for (std::size_t s = 1; s < proposition.timeline.size(); ++s) {
      if (proposition.timeline[s].from == event.at) {
        window_from = proposition.timeline[s - 1].evidence_until;
        window_until = proposition.timeline[s].evidence_from;
      }
    }
    const std::string change = "changed from " + Escape(event.from_value.text) + " to " +
                               Escape(event.to_value.text) + " on " + IsoDay(event.at) + " (" +
                               Escape(event.kind) + ")";
    svg += "<rect class=\"change-window\" x=\"" + Coord(x(window_from)) + "\" y=\"" + Coord(kTop) +
           "\" width=\"" + Coord(std::max(1.0, x(window_until) - x(window_from))) + "\" height=\"" +
           Coord(plot_bottom - kTop) + "\"><title>" + change +
           ": the change happened between the last claim of the old value (" + IsoDay(window_from) +
           ") and the first of the new (" + IsoDay(window_until) + ")</title></rect>";
    if (event.interval) {
      svg += "<rect class=\"change-interval\" x=\"" + Coord(x(event.interval->first)) + "\" y=\"" +
             Coord(kTop) + "\" width=\"" +
             Coord(std::max(1.0, x(event.interval->second) - x(event.interval->first))) +
             "\" height=\"" + Coord(plot_bottom - kTop) +
             "\"><title>90% interval of the date: " + IsoDay(event.interval->first) + " to " +
             IsoDay(event.interval->second) + "</title></rect>";
    }
  }
  for (const SegmentView& segment : proposition.timeline) {
    const double y = row_y(rows.RowOf(segment.value));
    const double x0 = segment.from ? x(*segment.from) : kPlotLeft;
    const double x1 = segment.until ? x(*segment.until) : kPlotRight;
    svg += "<rect class=\"segment\" x=\"" + Coord(x0) + "\" y=\"" + Coord(y - 5) + "\" width=\"" +
           Coord(std::max(1.0, x1 - x0)) + "\" height=\"10\"><title>" + Escape(segment.value.text) +
           " from " + (segment.from ? IsoDay(*segment.from) : std::string("the start")) +
           " until " + (segment.until ? IsoDay(*segment.until) : std::string("now")) +
           " (probability " + Fixed(segment.probability, 3) + ")</title></rect>";
  }
  for (std::size_t e : proposition.supersessions) {
    const SupersessionView& event = view.supersessions[e];
    svg += "<line class=\"change-point\" x1=\"" + Coord(x(event.at)) + "\" y1=\"" +
           Coord(kTop - 2) + "\" x2=\"" + Coord(x(event.at)) + "\" y2=\"" + Coord(plot_bottom + 2) +
           "\"><title>" + Escape(event.from_value.text) + " to " + Escape(event.to_value.text) +
           " on " + IsoDay(event.at) +
           (event.change_probability ? ", change probability " + Fixed(*event.change_probability, 2)
                                     : std::string()) +
           "</title></line>";
  }
  // Claims: marks that share a day and a row fan out vertically.
  std::map<std::pair<std::int32_t, std::size_t>, int> stacked;
  static constexpr double kFan[] = {0, -7, 7, -3.5, 3.5};
  for (std::size_t c : proposition.claims) {
    const ClaimView& claim = view.claims[c];
    const std::size_t row = rows.RowOf(claim.value);
    const int k = stacked[{claim.day, row}]++;
    const double y = row_y(row) + kFan[k % 5];
    const std::string title =
        "<title>" + Escape(claim.id) + ": " + Escape(claim.value.text) + " as of " +
        Escape(claim.as_of) + " (" + Escape(claim.outlet) + "), " +
        std::string(StatusName(claim.status)) +
        (claim.probability ? ", probability " + Fixed(*claim.probability, 3) : std::string()) +
        "</title>";
    const std::string shape = StatusShape(claim.status, x(claim.day), y, 11);
    const std::string status = " data-status=\"" + std::string(StatusName(claim.status)) + "\"";
    if (listed[c]) {
      svg += "<a class=\"claim-marker\"";
      svg += status;
      svg += " href=\"#";
      svg += Anchor("claim", claim.id);
      svg += "\">";
    } else {
      svg += "<g class=\"claim-marker\"";
      svg += status;
      svg += ">";
    }
    svg += title;
    svg += shape;
    svg += listed[c] ? "</a>" : "</g>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace credence::report_internal

#include "report/svg.h"

#include <cmath>
#include <cstdio>

#include "credence/value.h"

namespace credence::report_internal {

std::string Coord(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  std::string text = buffer;
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text == "-0" ? "0" : text;
}

std::string_view StatusColour(Status status) {
  switch (status) {
    case Status::kConfirmed:
      return kBluishGreen;
    case Status::kContradicted:
      return kVermillion;
    case Status::kSuperseded:
      return kBlue;
    case Status::kUnresolved:
      return kOrange;
  }
  return kOrange;
}

std::string StatusShape(Status status, double x, double y, double size) {
  const double r = size / 2;
  const std::string fill = " fill=\"" + std::string(StatusColour(status)) + "\"";
  switch (status) {
    case Status::kConfirmed:
      return "<circle cx=\"" + Coord(x) + "\" cy=\"" + Coord(y) + "\" r=\"" + Coord(r) + "\"" +
             fill + " stroke=\"#000\" stroke-width=\"0.6\"/>";
    case Status::kContradicted: {
      // A cross of two bars a third of the size thick.
      const double a = r;
      const double b = r / 3;
      std::string d = "M" + Coord(x - a) + " " + Coord(y - a + b);
      const double points[][2] = {{-a + b, -a}, {0, -b},     {a - b, -a}, {a, -a + b},
                                  {b, 0},       {a, a - b},  {a - b, a},  {0, b},
                                  {-a + b, a},  {-a, a - b}, {-b, 0}};
      for (const auto& point : points) {
        d += "L" + Coord(x + point[0]) + " " + Coord(y + point[1]);
      }
      return "<path d=\"" + d + "Z\"" + fill + " stroke=\"#000\" stroke-width=\"0.6\"/>";
    }
    case Status::kSuperseded:
      return "<rect x=\"" + Coord(x - r * 0.9) + "\" y=\"" + Coord(y - r * 0.9) + "\" width=\"" +
             Coord(size * 0.9) + "\" height=\"" + Coord(size * 0.9) + "\"" + fill +
             " stroke=\"#000\" stroke-width=\"0.6\"/>";
    case Status::kUnresolved:
      return "<path d=\"M" + Coord(x) + " " + Coord(y - r) + "L" + Coord(x + r) + " " +
             Coord(y + r * 0.8) + "L" + Coord(x - r) + " " + Coord(y + r * 0.8) + "Z\"" + fill +
             " stroke=\"#000\" stroke-width=\"0.6\"/>";
  }
  return {};
}

std::string StatusGlyph(Status status) {
  return "<svg class=\"glyph\" width=\"12\" height=\"12\" aria-hidden=\"true\"><use "
         "href=\"#glyph-" +
         std::string(StatusName(status)) + "\"/></svg>";
}

std::string GlyphSymbols() {
  std::string symbols = "<svg class=\"symbols\" width=\"0\" height=\"0\" aria-hidden=\"true\">";
  for (Status status : kStatuses) {
    symbols += "<symbol id=\"glyph-" + std::string(StatusName(status)) +
               "\" viewBox=\"0 0 12 12\">" + StatusShape(status, 6, 6, 10) + "</symbol>";
  }
  return symbols + "</svg>";
}

std::string SourceShape(std::string_view kind, double x, double y, double size) {
  const double r = size / 2;
  if (kind == "outlet") {
    return "<circle cx=\"" + Coord(x) + "\" cy=\"" + Coord(y) + "\" r=\"" + Coord(r) +
           "\" fill=\"" + std::string(kBlue) + "\" stroke=\"#000\" stroke-width=\"0.6\"/>";
  }
  if (kind == "person") {
    return "<path d=\"M" + Coord(x) + " " + Coord(y - r) + "L" + Coord(x + r) + " " + Coord(y) +
           "L" + Coord(x) + " " + Coord(y + r) + "L" + Coord(x - r) + " " + Coord(y) +
           "Z\" fill=\"" + std::string(kReddishPurple) +
           "\" stroke=\"#000\" stroke-width=\"0.6\"/>";
  }
  return "<rect x=\"" + Coord(x - r * 0.85) + "\" y=\"" + Coord(y - r * 0.85) + "\" width=\"" +
         Coord(size * 0.85) + "\" height=\"" + Coord(size * 0.85) + "\" fill=\"" +
         std::string(kReddishPurple) + "\" stroke=\"#000\" stroke-width=\"0.6\"/>";
}

std::string SourceGlyph(std::string_view kind) {
  return "<svg class=\"glyph\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" "
         "aria-hidden=\"true\">" +
         SourceShape(kind, 6, 6, 10) + "</svg>";
}

std::vector<Tick> TimeTicks(std::int32_t first, std::int32_t last, int max_ticks) {
  std::vector<Tick> ticks;
  if (last < first || max_ticks < 1) return ticks;
  const double span = last - first + 1;
  // Steps in months (0 = by days); the first that fits wins.
  static constexpr int kMonthSteps[] = {1, 3, 6, 12, 24, 60, 120, 240, 600, 1200};
  if (span / 7.0 <= max_ticks) {
    const int step = span <= max_ticks ? 1 : 7;
    for (std::int32_t day = first; day <= last; day += step) {
      ticks.push_back({day, FormatIsoDay(day)});
    }
    return ticks;
  }
  const Date start = CivilFromDays(first);
  for (const int step : kMonthSteps) {
    if (span / (30.436875 * step) > max_ticks) continue;
    // Month numbers since year 0, rounded up to a multiple of the step.
    int month = start.year * 12 + (start.month - 1);
    if (start.day > 1) ++month;
    month = (month + step - 1) / step * step;
    for (;; month += step) {
      const int year = month / 12;
      const int month_of_year = month % 12 + 1;
      const std::int32_t day = DaysFromCivil(year, month_of_year, 1);
      if (day > last) break;
      char label[16];
      if (step % 12 == 0) {
        std::snprintf(label, sizeof label, "%04d", year);
      } else {
        std::snprintf(label, sizeof label, "%04d-%02d", year, month_of_year);
      }
      ticks.push_back({day, label});
    }
    return ticks;
  }
  return ticks;
}

}  // namespace credence::report_internal

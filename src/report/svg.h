// Drawing pieces shared by the report's charts: the palette, the status and source marks, time
// axes. The palette is Okabe and Ito's (2008) "Color Universal Design" set, which readers with
// any common colour-vision deficiency tell apart, and no mark relies on colour alone: every
// status and source kind also has its own shape, and every mark a <title>.
#ifndef CREDENCE_REPORT_SVG_H_
#define CREDENCE_REPORT_SVG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report/scores_view.h"

namespace credence::report_internal {

inline constexpr std::string_view kBlue = "#0072B2";
inline constexpr std::string_view kSkyBlue = "#56B4E9";
inline constexpr std::string_view kBluishGreen = "#009E73";
inline constexpr std::string_view kOrange = "#E69F00";
inline constexpr std::string_view kVermillion = "#D55E00";
inline constexpr std::string_view kReddishPurple = "#CC79A7";

// Coordinates with one decimal, the precision a screen can show.
std::string Coord(double value);

// A status mark centred on (x, y), `size` pixels across: confirmed a green circle, contradicted
// a vermillion cross, superseded a blue square, unresolved an orange triangle.
std::string StatusShape(Status status, double x, double y, double size);
std::string_view StatusColour(Status status);
// A 12-pixel picture of the mark for tables, a reference to its symbol in GlyphSymbols() (hidden
// from screen readers, which read the status word beside it).
std::string StatusGlyph(Status status);
// The status marks as SVG symbols, written once at the top of the page.
std::string GlyphSymbols();

// A source mark: outlets a blue circle, people a purple diamond, offices and every other kind a
// purple square.
std::string SourceShape(std::string_view kind, double x, double y, double size);
std::string SourceGlyph(std::string_view kind);

struct Tick {
  std::int32_t day;
  std::string label;
};
// Ticks at round dates (days, weeks, months, quarters or years) inside [first, last], at most
// about `max_ticks` of them.
std::vector<Tick> TimeTicks(std::int32_t first, std::int32_t last, int max_ticks);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_SVG_H_

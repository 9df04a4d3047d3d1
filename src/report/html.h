// Writing HTML safely: every string that comes from the input is escaped on its way out, and
// every anchor is built from the id by a reversible encoding that needs no further escaping.
#ifndef CREDENCE_REPORT_HTML_H_
#define CREDENCE_REPORT_HTML_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace credence::report_internal {

// Text or attribute value: & < > " ' become character references and control characters other
// than tab and newline become U+FFFD (the strings come from a JSON parser, which has already
// refused invalid UTF-8).
std::string Escape(std::string_view text);

// "claim-" + id with every byte outside [A-Za-z0-9.-] written as _XX (hex): a valid HTML id and
// URL fragment for any id, one to one ("np/c1" -> "claim-np_2Fc1").
std::string Anchor(std::string_view prefix, std::string_view id);

// The first `max_chars` code points of `text` and an ellipsis when it was longer.
std::string Shorten(std::string_view text, std::size_t max_chars);

// Fixed-point with `digits` decimals ("0.744"); the page's figures, never its data.
std::string Fixed(double value, int digits);

// "2025-11-10" for a day number (days since 1970-01-01).
std::string IsoDay(std::int32_t day);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_HTML_H_

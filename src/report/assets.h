// The page's inline style sheet and script. Both are constants, so the page's
// Content-Security-Policy names them by hash and allows nothing else to run or style.
#ifndef CREDENCE_REPORT_ASSETS_H_
#define CREDENCE_REPORT_ASSETS_H_

#include <string>
#include <string_view>

namespace credence::report_internal {

extern const std::string_view kStyleSheet;
// Sorting and filtering of tables, opening the explanation a link points at, and opening every
// explanation before printing. The page reads fully without it.
extern const std::string_view kScript;

// "'sha256-<base64>'": a CSP source expression for an inline block with this text.
std::string CspHash(std::string_view text);

}  // namespace credence::report_internal

#endif  // CREDENCE_REPORT_ASSETS_H_

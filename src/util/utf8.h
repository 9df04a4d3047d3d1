// UTF-8 validation for the tabular readers, which take bytes as they come (the JSON parsers
// check encoding themselves).
#ifndef CREDENCE_UTIL_UTF8_H_
#define CREDENCE_UTIL_UTF8_H_

#include <cstddef>
#include <string_view>

namespace credence::internal {

// The byte offset of the first invalid UTF-8 sequence in `text` (a stray continuation byte, a
// truncated sequence, an overlong form, a surrogate or a code point past U+10FFFF), or npos.
std::size_t InvalidUtf8At(std::string_view text);

}  // namespace credence::internal

#endif  // CREDENCE_UTIL_UTF8_H_

#include "util/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace credence::internal {
namespace {

constexpr std::size_t kValid = std::string_view::npos;

TEST(InvalidUtf8At, AcceptsAsciiAndWellFormedSequences) {
  EXPECT_EQ(InvalidUtf8At(""), kValid);
  EXPECT_EQ(InvalidUtf8At("plain ASCII, tabs\tand all"), kValid);
  EXPECT_EQ(InvalidUtf8At("Jos\xC3\xA9"), kValid);  // U+00E9, 2 bytes
  EXPECT_EQ(InvalidUtf8At("\xD8\xA7\xD9\x84\xD9\x86\xD9\x87\xD8\xA7\xD8\xB1"), kValid);  // Arabic
  EXPECT_EQ(InvalidUtf8At("\xE2\x82\xAC"), kValid);      // U+20AC, 3 bytes
  EXPECT_EQ(InvalidUtf8At("\xF0\x9F\x93\xB0"), kValid);  // U+1F4F0, 4 bytes
  EXPECT_EQ(InvalidUtf8At("\xF4\x8F\xBF\xBF"), kValid);  // U+10FFFF, the last
}

TEST(InvalidUtf8At, NamesTheFirstBadByte) {
  EXPECT_EQ(InvalidUtf8At("Kn\xFCth"), 2U);          // Latin-1 u-umlaut
  EXPECT_EQ(InvalidUtf8At("ab\x80"), 2U);            // stray continuation byte
  EXPECT_EQ(InvalidUtf8At("ok \xC3"), 3U);           // truncated at the end
  EXPECT_EQ(InvalidUtf8At("\xE2\x82x"), 0U);         // continuation missing
  EXPECT_EQ(InvalidUtf8At("a\xC0\xAF"), 1U);         // overlong '/'
  EXPECT_EQ(InvalidUtf8At("\xE0\x80\xAF"), 0U);      // overlong, 3 bytes
  EXPECT_EQ(InvalidUtf8At("xy\xED\xA0\x80"), 2U);    // surrogate U+D800
  EXPECT_EQ(InvalidUtf8At("\xF4\x90\x80\x80"), 0U);  // U+110000, past the last code point
  EXPECT_EQ(InvalidUtf8At("\xF5\x80\x80\x80"), 0U);  // lead byte never used
  EXPECT_EQ(InvalidUtf8At(std::string_view("a\0\xFF", 3)), 2U);  // NUL is valid, 0xFF is not
}

}  // namespace
}  // namespace credence::internal

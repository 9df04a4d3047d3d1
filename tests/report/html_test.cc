#include "report/html.h"

#include <gtest/gtest.h>

namespace credence::report_internal {
namespace {

TEST(EscapeTest, EscapesMarkupQuotesAndControlCharacters) {
  EXPECT_EQ(Escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(Escape("</script><img src=x onerror=alert(1)>"),
            "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(Escape(std::string("a\x01"
                               "b\tc\n",
                               6)),
            "a\xEF\xBF\xBD"
            "b\tc\n");
  EXPECT_EQ(Escape("Trust Gap \xE2\x80\x94 Syria"), "Trust Gap \xE2\x80\x94 Syria");  // UTF-8 kept
}

TEST(AnchorTest, KeepsSafeCharactersAndEncodesTheRest) {
  EXPECT_EQ(Anchor("claim", "northpress-2025-04/c1"), "claim-northpress-2025-04_2Fc1");
  EXPECT_EQ(Anchor("outlet", "a b\"<_"), "outlet-a_20b_22_3C_5F");
  // '_' is encoded too, so two ids never share an anchor.
  EXPECT_NE(Anchor("claim", "a_2F"), Anchor("claim", "a/"));
  EXPECT_EQ(Anchor("claim", "\xC3\xA9"), "claim-_C3_A9");
}

TEST(ShortenTest, CutsAtCodePointsAndMarksTheCut) {
  EXPECT_EQ(Shorten("abcdef", 6), "abcdef");
  EXPECT_EQ(Shorten("abcdef", 3), "abc\xE2\x80\xA6");
  // Two-byte characters are not split.
  EXPECT_EQ(Shorten("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
}

TEST(FixedTest, RoundsToTheGivenDecimals) {
  EXPECT_EQ(Fixed(0.74355, 3), "0.744");
  EXPECT_EQ(Fixed(0.8, 2), "0.80");
}

}  // namespace
}  // namespace credence::report_internal

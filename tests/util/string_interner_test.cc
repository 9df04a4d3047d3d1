#include "util/string_interner.h"

#include <gtest/gtest.h>

#include <string>

namespace credence::internal {
namespace {

TEST(StringInterner, DenseIdsInOrderOfFirstSight) {
  StringInterner interner;
  EXPECT_EQ(interner.Intern("b"), 0U);
  EXPECT_EQ(interner.Intern("a"), 1U);
  EXPECT_EQ(interner.Intern("b"), 0U);
  EXPECT_EQ(interner.Intern(""), 2U);
  EXPECT_EQ(interner.size(), 3U);
  EXPECT_EQ(interner.Get(1), "a");
  EXPECT_EQ(interner.Get(2), "");
  EXPECT_EQ(interner.Find("a"), 1U);
  EXPECT_EQ(interner.Find("c"), StringInterner::kAbsent);
}

TEST(StringInterner, SurvivesGrowthWithLongAndSimilarKeys) {
  StringInterner interner;
  for (int i = 0; i < 50000; ++i) {
    ASSERT_EQ(interner.Intern("item-with-a-long-common-prefix-" + std::to_string(i)),
              static_cast<std::uint32_t>(i));
  }
  for (int i = 0; i < 50000; i += 997) {
    EXPECT_EQ(interner.Find("item-with-a-long-common-prefix-" + std::to_string(i)),
              static_cast<std::uint32_t>(i));
    EXPECT_EQ(interner.Get(static_cast<std::uint32_t>(i)),
              "item-with-a-long-common-prefix-" + std::to_string(i));
  }
  interner.DropIndex();
  EXPECT_EQ(interner.Get(49999), "item-with-a-long-common-prefix-49999");
}

}  // namespace
}  // namespace credence::internal

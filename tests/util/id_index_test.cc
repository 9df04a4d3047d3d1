#include "util/id_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace credence::internal {
namespace {

TEST(IdIndex, InsertKeepsTheFirstValueAndReportsRepeats) {
  IdIndex<std::int64_t> lines;
  EXPECT_TRUE(lines.empty());
  EXPECT_EQ(lines.Find("c1"), nullptr);
  const auto [first, inserted] = lines.Insert("c1", 2);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(*first, 2);
  const auto [again, inserted_again] = lines.Insert("c1", 9);
  EXPECT_FALSE(inserted_again);
  EXPECT_EQ(*again, 2);  // the line of the first sight, for "first at line 2"
  ASSERT_NE(lines.Find("c1"), nullptr);
  EXPECT_EQ(*lines.Find("c1"), 2);
  EXPECT_EQ(lines.size(), 1U);
}

TEST(IdIndex, ValuesCanBeUpdatedThroughTheReturnedPointer) {
  IdIndex<std::uint32_t> articles;
  *articles.Insert("a1", 0xFFFFFFFFU).first = 7;
  ASSERT_NE(articles.Find("a1"), nullptr);
  EXPECT_EQ(*articles.Find("a1"), 7U);
}

TEST(IdIndex, ManyIdsThroughTableGrowth) {
  IdIndex<std::uint32_t> index;
  for (std::uint32_t i = 0; i < 5000; ++i) index.Insert("id-" + std::to_string(i), i * 3);
  EXPECT_EQ(index.size(), 5000U);
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const std::uint32_t* value = index.Find("id-" + std::to_string(i));
    ASSERT_NE(value, nullptr) << i;
    EXPECT_EQ(*value, i * 3);
  }
  EXPECT_EQ(index.Find("id-5000"), nullptr);
}

}  // namespace
}  // namespace credence::internal

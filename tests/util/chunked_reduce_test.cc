#include "util/chunked_reduce.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

namespace credence::internal {
namespace {

// Sums of values whose magnitudes differ wildly, so that any change of summation order shows.
std::vector<double> Values(std::size_t n) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::vector<double> values(n);
  for (std::size_t i = 0; i < n; ++i) values[i] = unit(rng) * (i % 7 == 0 ? 1e12 : 1e-3);
  return values;
}

std::vector<double> Reduce(const std::vector<double>& values, int threads) {
  constexpr std::size_t kWidth = 3;
  ChunkedReduce reduce(values.size(), kWidth, 100);
  std::vector<double> total(kWidth);
  reduce.Run(
      threads,
      [&](std::size_t begin, std::size_t end, std::span<double> partial) {
        for (std::size_t i = begin; i < end; ++i) partial[i % kWidth] += values[i];
      },
      total);
  return total;
}

TEST(ChunkedReduce, BitIdenticalForAnyThreadCount) {
  const std::vector<double> values = Values(100000);
  const std::vector<double> one = Reduce(values, 1);
  for (int threads : {2, 3, 5, 16}) {
    const std::vector<double> many = Reduce(values, threads);
    EXPECT_EQ(std::memcmp(one.data(), many.data(), one.size() * sizeof(double)), 0) << threads;
  }
}

TEST(ChunkedReduce, SumsEveryItemOnce) {
  std::vector<double> ones(12345, 1.0);
  const std::vector<double> total = Reduce(ones, 4);
  EXPECT_EQ(total[0] + total[1] + total[2], 12345.0);
  EXPECT_EQ(total[0], 4115.0);  // items 0, 3, ..., 12342
}

TEST(ChunkedReduce, ChunkCountDependsOnSizeNotThreads) {
  EXPECT_EQ(ChunkedReduce(10, 4, 4096).num_chunks(), 1U);
  EXPECT_EQ(ChunkedReduce(10000, 4, 4096).num_chunks(), 3U);
  EXPECT_EQ(ChunkedReduce(0, 4, 4096).num_chunks(), 1U);
  // Wide partial sums get fewer chunks, so that they stay within a bounded size.
  EXPECT_EQ(ChunkedReduce(std::size_t{1} << 30, std::size_t{1} << 22, 4096).num_chunks(), 2U);
}

}  // namespace
}  // namespace credence::internal

// The generators' only source of randomness: std::mt19937_64 read through distributions written
// out here, because the standard ones are implementation-defined. Same seed, same draws, on every
// standard library (docs/synth.md, "Randomness").
#ifndef CREDENCE_SYNTH_SYNTH_RNG_H_
#define CREDENCE_SYNTH_SYNTH_RNG_H_

#include <cstdint>
#include <limits>
#include <random>

namespace credence::synth {

class SynthRng {
 public:
  explicit SynthRng(std::uint64_t seed) : engine_(seed) {}

  // 53 random bits: a multiple of 2^-53 in [0, 1).
  double Uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform in [0, n) by rejection, so no value is favoured.
  std::uint64_t Below(std::uint64_t n) {
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = kMax - kMax % n;
    std::uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return x % n;
  }

  // Uniform in [lo, hi], both inclusive.
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  bool Bernoulli(double p) { return Uniform01() < p; }

  // Knuth's product-of-uniforms method; exp is computed by ExpNegative below.
  int Poisson(double mean) {
    const double threshold = ExpNegative(mean);
    int count = 0;
    double product = Uniform01();
    while (product >= threshold) {
      ++count;
      product *= Uniform01();
    }
    return count;
  }

 private:
  // exp(-x) for x >= 0 from +, *, / only (std::exp may differ in the last bit across libms):
  // halve until small, Taylor series, square back.
  static double ExpNegative(double x) {
    int halvings = 0;
    while (x > 1.0 / 1024.0) {
      x /= 2.0;
      ++halvings;
    }
    double term = 1.0;
    double sum = 1.0;
    for (int k = 1; k <= 12; ++k) {
      term *= -x / k;
      sum += term;
    }
    for (int i = 0; i < halvings; ++i) sum *= sum;
    return sum;
  }

  std::mt19937_64 engine_;
};

}  // namespace credence::synth

#endif  // CREDENCE_SYNTH_SYNTH_RNG_H_

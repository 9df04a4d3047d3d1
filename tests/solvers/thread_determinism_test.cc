// Every algorithm must give bit-identical output for any thread count, also on stores large
// enough to be cut into several reduction chunks (the small stores of the per-algorithm
// property tests fit in one).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "credence/input.h"
#include "credence/output.h"
#include "credence/solver.h"
#include "credence/synth.h"

namespace credence {
namespace {

bool SameBits(const std::vector<double>& a, const std::vector<double>& b) {
  // memcmp must not see the null data() of an empty vector.
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

void ExpectThreadIndependent(const ClaimStore& store, const std::string& algorithm) {
  SolverOptions options;
  options.algorithm = algorithm;
  options.max_iterations = 4;
  options.explain_max_groups = 0;
  const Solution one = CreateSolver(algorithm)->Solve(store, options);
  for (int threads : {2, 3}) {
    options.num_threads = threads;
    const Solution many = CreateSolver(algorithm)->Solve(store, options);
    EXPECT_TRUE(SameBits(one.claim_probability, many.claim_probability))
        << algorithm << " with " << threads << " threads";
    EXPECT_TRUE(SameBits(one.reliability, many.reliability)) << algorithm << " " << threads;
    EXPECT_TRUE(SameBits(one.summary.log_likelihood, many.summary.log_likelihood))
        << algorithm << " " << threads;
  }
}

TEST(ThreadDeterminism, EveryAlgorithmOnAManyChunkCrowdStore) {
  SynthOptions synth;
  synth.seed = 11;
  synth.sources = 40;
  synth.items = 9000;  // more than two chunks of propositions
  synth.answers_per_item = 3;
  const SynthDataset data = GenerateSynth(synth);
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "credence_thread_determinism.csv";
  std::ofstream(path, std::ios::binary) << SynthAnswersCsv(data);
  const ClaimStore store = LoadClaimStore(path.string(), InputFormat::kCrowdCsv);
  ASSERT_EQ(store.num_propositions(), 9000U);
  for (std::string_view name : SolverNames()) ExpectThreadIndependent(store, std::string(name));
}

TEST(ThreadDeterminism, TemporalEmOnAManyChunkTemporalStore) {
  SynthOptions synth;
  synth.seed = 12;
  synth.sources = 30;
  synth.items = 9000;
  synth.answers_per_item = 3;
  synth.mutable_fraction = 0.5;
  synth.relay_fraction = 0.1;
  const SynthDataset data = GenerateSynth(synth);
  const ClaimStore store = BuildClaimStore(ParseClaimsDocument(SynthClaimsJson(data), "synth"));
  ExpectThreadIndependent(store, "temporal-em");
}

}  // namespace
}  // namespace credence

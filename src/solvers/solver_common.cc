#include "solvers/solver_common.h"

#include <algorithm>
#include <cmath>

#include "util/parallel.h"

namespace credence::internal {

void AccumulateSourceEvidence(const ClaimStore& store, std::span<const double> claim_probability,
                              std::vector<double>* true_weight, std::vector<double>* total_weight) {
  const std::size_t num_sources = store.num_outlets();
  true_weight->assign(num_sources, 0.0);
  total_weight->assign(num_sources, 0.0);
  const auto weight = store.claim_weight();
  // Summing each source's claims in index order keeps the result independent of threads.
  for (std::size_t s = 0; s < num_sources; ++s) {
    double t = 0.0;
    double n = 0.0;
    for (std::uint32_t c : store.ClaimsOfSource(s)) {
      const double p = claim_probability[c];
      if (std::isnan(p)) continue;
      t += weight[c] * p;
      n += weight[c];
    }
    (*true_weight)[s] = t;
    (*total_weight)[s] = n;
  }
}

double PosteriorMeanReliability(const SolverOptions& options, double true_weight,
                                double total_weight) {
  const double mean = (options.prior_alpha + true_weight) /
                      (options.prior_alpha + options.prior_beta + total_weight);
  return std::clamp(mean, options.probability_clamp, 1.0 - options.probability_clamp);
}

std::vector<std::uint32_t> GroupsOfProposition(const ClaimStore& store, std::size_t proposition) {
  std::vector<std::uint32_t> groups;
  const auto state = store.claim_state();
  const auto group = store.claim_group();
  for (std::uint32_t c : store.ClaimsOfProposition(proposition)) {
    if (state[c] == ClaimStore::kUnknownState) continue;
    groups.push_back(group[c]);
  }
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  return groups;
}

void ComputeInfluences(const ClaimStore& store, const SolverOptions& options,
                       const LeaveOneOut& probabilities_without, Solution* solution) {
  solution->influences.assign(store.num_claims(), {});
  const auto claim_group = store.claim_group();
  ParallelFor(store.num_propositions(), options.num_threads,
              [&](std::size_t begin, std::size_t end, int /*thread*/) {
                std::vector<double> without;
                for (std::size_t p = begin; p < end; ++p) {
                  const std::vector<std::uint32_t> groups = GroupsOfProposition(store, p);
                  if (groups.size() < 2 ||
                      groups.size() > static_cast<std::size_t>(options.explain_max_groups)) {
                    continue;
                  }
                  const auto claims = store.ClaimsOfProposition(p);
                  for (std::uint32_t g : groups) {
                    probabilities_without(p, g, &without);
                    for (std::size_t i = 0; i < claims.size(); ++i) {
                      const std::uint32_t c = claims[i];
                      const double p_with = solution->claim_probability[c];
                      if (claim_group[c] == g || std::isnan(p_with)) continue;
                      solution->influences[c].push_back({g, p_with - without[i]});
                    }
                  }
                  for (std::uint32_t c : claims) {
                    auto& list = solution->influences[c];
                    std::stable_sort(list.begin(), list.end(),
                                     [](const Influence& a, const Influence& b) {
                                       return std::abs(a.delta) > std::abs(b.delta);
                                     });
                  }
                }
              });
}

}  // namespace credence::internal

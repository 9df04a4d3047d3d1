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
  const auto source = store.claim_source();
  // One scan in claim order adds each source's claims in the order of ClaimsOfSource, so the
  // sums do not depend on how the claims are visited.
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    const double p = claim_probability[c];
    if (std::isnan(p)) continue;
    (*true_weight)[source[c]] += weight[c] * p;
    (*total_weight)[source[c]] += weight[c];
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
  // Leaving one of fewer than two groups out explains nothing: skip the per-claim lists.
  if (options.explain_max_groups < 2) {
    solution->influences.clear();
    return;
  }
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

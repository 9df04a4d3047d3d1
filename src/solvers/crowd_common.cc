#include "solvers/crowd_common.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "solvers/solver_common.h"
#include "util/parallel.h"

namespace credence::internal {

StatePosteriors::StatePosteriors(const ClaimStore& store) {
  offsets_.reserve(store.num_propositions() + 1);
  offsets_.push_back(0);
  for (const PropositionInfo& info : store.propositions()) {
    offsets_.push_back(offsets_.back() + info.num_states());
  }
  values_.assign(offsets_.back(), 0.0);
}

double StatePosteriors::MaxChange(const StatePosteriors& other) const {
  double change = 0.0;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    change = std::max(change, std::abs(values_[i] - other.values_[i]));
  }
  return change;
}

bool HasSharedLabels(const ClaimStore& store, std::size_t p) {
  const PredicateRecord& predicate = store.PredicateOf(p);
  return predicate.value_kind == ValueKind::kBoolean || !predicate.domain.empty();
}

void VoteShares(const ClaimStore& store, std::size_t p, std::uint32_t masked_group,
                std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  const auto state = store.claim_state();
  const auto group = store.claim_group();
  const auto weight = store.claim_weight();
  double total = 0.0;
  for (std::uint32_t c : store.ClaimsOfProposition(p)) {
    if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
    out[state[c]] += weight[c];
    total += weight[c];
  }
  if (total > 0.0) {
    for (double& x : out) x /= total;
  } else {
    std::fill(out.begin(), out.end(), 1.0 / static_cast<double>(out.size()));
  }
}

void MajorityVoteStart(const ClaimStore& store, int num_threads, StatePosteriors* posteriors) {
  ParallelFor(store.num_propositions(), num_threads, [&](std::size_t begin, std::size_t end, int) {
    for (std::size_t p = begin; p < end; ++p) {
      VoteShares(store, p, ClaimStore::kUnknownState, posteriors->Of(p));
    }
  });
}

std::vector<double> MajorityVotePosteriors(const ClaimStore& store) {
  std::vector<double> probability(store.num_claims(), std::nan(""));
  std::vector<double> shares;
  const auto state = store.claim_state();
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    shares.resize(store.propositions()[p].num_states());
    VoteShares(store, p, ClaimStore::kUnknownState, shares);
    for (std::uint32_t c : store.ClaimsOfProposition(p)) {
      if (state[c] != ClaimStore::kUnknownState) probability[c] = shares[state[c]];
    }
  }
  return probability;
}

double NormalizeLogs(std::span<double> log_weights) {
  const double m = *std::max_element(log_weights.begin(), log_weights.end());
  if (!std::isfinite(m)) {
    // Every state impossible (or an overflow): fall back to uniform rather than NaN.
    std::fill(log_weights.begin(), log_weights.end(),
              1.0 / static_cast<double>(log_weights.size()));
    return m;
  }
  double sum = 0.0;
  for (double& x : log_weights) {
    x = std::exp(x - m);
    sum += x;
  }
  for (double& x : log_weights) x /= sum;
  return m + std::log(sum);
}

std::uint32_t MostProbableState(const ClaimStore& store, std::size_t p,
                                std::span<const double> posterior) {
  const std::span<const Value> values = store.ValuesOf(p);
  std::uint32_t best = 0;
  for (std::uint32_t k = 1; k < posterior.size(); ++k) {
    const bool ties_lower_text = posterior[k] == posterior[best] && k < values.size() &&
                                 values[k].ToDisplay() < values[best].ToDisplay();
    if (posterior[k] > posterior[best] || ties_lower_text) best = k;
  }
  return best;
}

void ClaimProbabilitiesOf(const ClaimStore& store, std::size_t p, std::span<const double> posterior,
                          std::vector<double>* out) {
  const auto claims = store.ClaimsOfProposition(p);
  const auto state = store.claim_state();
  out->assign(claims.size(), std::nan(""));
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const std::uint32_t s = state[claims[i]];
    if (s != ClaimStore::kUnknownState) (*out)[i] = std::clamp(posterior[s], 0.0, 1.0);
  }
}

void FillFromPosteriors(const ClaimStore& store, const SolverOptions& options,
                        const StatePosteriors& posteriors, Solution* solution) {
  const std::size_t num_propositions = store.num_propositions();
  solution->claim_probability.assign(store.num_claims(), std::nan(""));
  solution->timelines.assign(num_propositions, {});
  ParallelFor(num_propositions, options.num_threads, [&](std::size_t begin, std::size_t end, int) {
    std::vector<double> probabilities;
    for (std::size_t p = begin; p < end; ++p) {
      const auto posterior = posteriors.Of(p);
      ClaimProbabilitiesOf(store, p, posterior, &probabilities);
      const auto claims = store.ClaimsOfProposition(p);
      for (std::size_t i = 0; i < claims.size(); ++i) {
        solution->claim_probability[claims[i]] = probabilities[i];
      }
      const std::uint32_t best = MostProbableState(store, p, posterior);
      solution->timelines[p] = {
          {best, 0, static_cast<std::uint32_t>(claims.size() - 1), posterior[best]}};
    }
  });
  AccumulateSourceEvidence(store, solution->claim_probability, &solution->true_weight,
                           &solution->total_weight);
}

bool FailWithoutClaims(const ClaimStore& store, Solution* solution) {
  if (store.num_claims() != 0) return false;
  solution->summary.termination = TerminationType::kUserFailure;
  solution->summary.message = "there are no claims to score";
  return true;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace credence::internal

#include "solvers/fact_finding.h"

#include <algorithm>
#include <cmath>

#include "solvers/crowd_common.h"
#include "solvers/solver_common.h"

namespace credence::internal {

FactIndex BuildFactIndex(const ClaimStore& store) {
  FactIndex index;
  index.begin.reserve(store.num_propositions() + 1);
  index.begin.push_back(0);
  for (const PropositionInfo& info : store.propositions()) {
    index.begin.push_back(index.begin.back() + info.num_states());
  }
  index.claimed.assign(index.begin.back(), false);
  index.num_facts.assign(store.num_propositions(), 0.0);
  index.claim_slot.assign(store.num_claims(), ClaimStore::kUnknownState);
  index.source_weight.assign(store.num_outlets(), 0.0);
  const auto proposition = store.claim_proposition();
  const auto state = store.claim_state();
  const auto weight = store.claim_weight();
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    if (state[c] == ClaimStore::kUnknownState) continue;
    const std::uint32_t slot = index.begin[proposition[c]] + state[c];
    index.claim_slot[c] = slot;
    if (!index.claimed[slot]) {
      index.claimed[slot] = true;
      index.num_facts[proposition[c]] += 1.0;
    }
  }
  // Per source in claim order, so that sums do not depend on anything but the source's claims.
  for (std::size_t s = 0; s < store.num_outlets(); ++s) {
    double total = 0.0;
    for (std::uint32_t c : store.ClaimsOfSource(s)) {
      if (index.claim_slot[c] != ClaimStore::kUnknownState) total += weight[c];
    }
    index.source_weight[s] = total;
  }
  return index;
}

void FinishFromBeliefs(const ClaimStore& store, const SolverOptions& options,
                       const BeliefFunction& belief, Solution* solution) {
  StatePosteriors posteriors(store);
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    belief(p, ClaimStore::kUnknownState, posteriors.Of(p));
  }
  FillFromPosteriors(store, options, posteriors, solution);
  ComputeInfluences(
      store, options,
      [&](std::size_t p, std::uint32_t group, std::vector<double>* out) {
        std::vector<double> without(store.propositions()[p].num_states());
        belief(p, group, without);
        ClaimProbabilitiesOf(store, p, without, out);
      },
      solution);
}

void NormalizeScores(std::span<double> scores) {
  double total = 0.0;
  for (double x : scores) total += x;
  if (total > 0.0 && std::isfinite(total)) {
    for (double& x : scores) x /= total;
  } else {
    std::fill(scores.begin(), scores.end(), 1.0 / static_cast<double>(scores.size()));
  }
}

std::vector<double> ScaleToUnitMax(const FactIndex& index, const SolverOptions& options,
                                   std::span<const double> score) {
  double top = 0.0;
  for (std::size_t s = 0; s < score.size(); ++s) {
    if (index.source_weight[s] > 0.0) top = std::max(top, score[s]);
  }
  std::vector<double> scaled(score.size());
  for (std::size_t s = 0; s < score.size(); ++s) {
    if (index.source_weight[s] > 0.0) {
      scaled[s] = top > 0.0 ? std::clamp(score[s] / top, 0.0, 1.0) : 0.0;
    } else {
      scaled[s] = PosteriorMeanReliability(options, 0.0, 0.0);
    }
  }
  return scaled;
}

double MaxAbsDifference(std::span<const double> a, std::span<const double> b) {
  double change = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) change = std::max(change, std::abs(a[i] - b[i]));
  return change;
}

}  // namespace credence::internal

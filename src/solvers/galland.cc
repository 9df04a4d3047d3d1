// The fixpoint of 2-Estimates and 3-Estimates (Galland et al., WSDM 2010) on credence data.
// Views: a claim c of source s on proposition p with state v says fact (p, v) is true and, by
// the functional dependency of a proposition's values, every other claimed fact of p false.
// With w_c the claim weight, V(f) the claims on f's proposition and F(c) the claimed facts of
// c's proposition, and [+] / [-] for "c says f true / false":
//   theta(f) = sum_{c in V(f)} w_c ([+] (1 - eps(s_c) phi(f)) + [-] eps(s_c) phi(f))
//              / sum_{c in V(f)} w_c
//   phi(f)   = sum_{c in V(f)} w_c ([+] (1 - theta(f)) + [-] theta(f)) / eps(s_c)
//              / sum_{c in V(f)} w_c                                     (3-Estimates only)
//   eps(s)   = sum_{c in C_s} w_c sum_{f in F(c)} ([+] (1 - theta(f)) + [-] theta(f)) / phi(f)
//              / sum_{c in C_s} w_c |F(c)|
// 2-Estimates is phi = 1. The paper's normalisation step, a linear map onto [0, 1] (smallest
// to 0, largest to 1, over all facts or all sources with claims), follows every theta update,
// keeping the fixpoint away from its trivial solutions. Error rates are averages of numbers in
// [0, 1] and are left as computed in 2-Estimates: normalising them too sends the worst source to
// eps = 1, which turns its claims into evidence for their opposite and broke our hand-made cases
// where the majority is right. In 3-Estimates eps and phi only appear as a product, whose scale
// is free, so both are normalised as well. Deviation: the normalisation sends the smallest eps
// and phi to exactly 0, where the paper's 3-Estimates formulas divide by zero; we divide by
// max(x, 0.01) instead. (Leaving those terms out, which we tried first, made the fixpoint jump
// whenever another source became the best one, and the result depended on the input order.)
#include "solvers/galland.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "solvers/crowd_common.h"
#include "solvers/fact_finding.h"
#include "solvers/solver_common.h"
#include "util/parallel.h"

namespace credence::internal {
namespace {

// Smallest eps and phi a 3-Estimates update divides by.
constexpr double kFloor = 0.01;
// Relative spread below which a min-max normalisation leaves the values as they are.
constexpr double kRoundingSpread = 1e-9;

struct Range {
  double low = 0.0;
  double high = 1.0;
  double Apply(double x) const {
    return high > low ? std::clamp((x - low) / (high - low), 0.0, 1.0) : x;
  }
};

// Min-max over the entries with valid[i]; applies it in place and returns it.
Range Normalize(std::vector<double>* x, const std::vector<bool>& valid) {
  Range range{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (std::size_t i = 0; i < x->size(); ++i) {
    if (!valid[i]) continue;
    range.low = std::min(range.low, (*x)[i]);
    range.high = std::max(range.high, (*x)[i]);
  }
  // A spread at the level of rounding is no information: stretching it onto [0, 1] would turn
  // the last bits of sums taken in different orders into the whole range (five single sources
  // that all disagree then got probabilities 0 and 1/3 instead of a tie).
  const double scale = std::max({1.0, std::abs(range.low), std::abs(range.high)});
  if (!(range.high - range.low > kRoundingSpread * scale)) return Range{0.0, 0.0};
  for (std::size_t i = 0; i < x->size(); ++i) {
    if (valid[i]) (*x)[i] = range.Apply((*x)[i]);
  }
  return range;
}

class Corroboration {
 public:
  Corroboration(const ClaimStore& store, const SolverOptions& options, bool with_difficulty)
      : store_(store),
        options_(options),
        with_difficulty_(with_difficulty),
        index_(BuildFactIndex(store)) {
    has_claims_.resize(store.num_outlets());
    for (std::size_t s = 0; s < store.num_outlets(); ++s) {
      has_claims_[s] = index_.source_weight[s] > 0.0;
    }
  }

  const FactIndex& index() const { return index_; }
  const std::vector<bool>& has_claims() const { return has_claims_; }

  // Raw theta of p's claimed states (0 elsewhere), claims of `masked_group` left out.
  void Truth(std::size_t p, std::uint32_t masked_group, std::span<const double> error,
             std::span<const double> difficulty, std::span<double> out) const {
    std::fill(out.begin(), out.end(), 0.0);
    const auto source = store_.claim_source();
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto weight = store_.claim_weight();
    const std::uint32_t begin = index_.begin[p];
    double total = 0.0;
    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
      if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
      total += weight[c];
      for (std::uint32_t k = 0; k < out.size(); ++k) {
        if (!index_.claimed[begin + k]) continue;
        const double wrong = error[source[c]] * difficulty[begin + k];
        out[k] += weight[c] * (k == state[c] ? 1.0 - wrong : wrong);
      }
    }
    if (total > 0.0) {
      for (double& x : out) x /= total;
    }
  }

  std::vector<double> AllTruths(std::span<const double> error,
                                std::span<const double> difficulty) const {
    std::vector<double> theta(index_.num_slots(), 0.0);
    ParallelFor(store_.num_propositions(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    Truth(p, ClaimStore::kUnknownState, error, difficulty,
                          std::span<double>(theta).subspan(index_.begin[p], index_.NumStates(p)));
                  }
                });
    return theta;
  }

  // phi from theta and eps; facts with no view keep their previous difficulty.
  std::vector<double> Difficulties(std::span<const double> theta, std::span<const double> error,
                                   std::span<const double> previous) const {
    std::vector<double> phi(previous.begin(), previous.end());
    const auto source = store_.claim_source();
    const auto state = store_.claim_state();
    const auto weight = store_.claim_weight();
    ParallelFor(store_.num_propositions(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    const std::uint32_t first = index_.begin[p];
                    for (std::uint32_t k = 0; k < index_.NumStates(p); ++k) {
                      if (!index_.claimed[first + k]) continue;
                      double sum = 0.0;
                      double total = 0.0;
                      for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
                        if (state[c] == ClaimStore::kUnknownState) continue;
                        const double t = theta[first + k];
                        sum += weight[c] * (k == state[c] ? 1.0 - t : t) /
                               std::max(error[source[c]], kFloor);
                        total += weight[c];
                      }
                      if (total > 0.0) phi[first + k] = sum / total;
                    }
                  }
                });
    return phi;
  }

  // eps from theta and phi; sources with no view keep their previous error.
  std::vector<double> Errors(std::span<const double> theta, std::span<const double> difficulty,
                             std::span<const double> previous) const {
    std::vector<double> error(previous.begin(), previous.end());
    const auto proposition = store_.claim_proposition();
    const auto state = store_.claim_state();
    const auto weight = store_.claim_weight();
    ParallelFor(store_.num_outlets(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t s = begin; s < end; ++s) {
                    double sum = 0.0;
                    double total = 0.0;
                    for (std::uint32_t c : store_.ClaimsOfSource(s)) {
                      if (state[c] == ClaimStore::kUnknownState) continue;
                      const std::size_t p = proposition[c];
                      const std::uint32_t first = index_.begin[p];
                      for (std::uint32_t k = 0; k < index_.NumStates(p); ++k) {
                        const double d = std::max(difficulty[first + k], kFloor);
                        if (!index_.claimed[first + k]) continue;
                        const double t = theta[first + k];
                        sum += weight[c] * (k == state[c] ? 1.0 - t : t) / d;
                        total += weight[c];
                      }
                    }
                    if (total > 0.0) error[s] = sum / total;
                  }
                });
    return error;
  }

  bool with_difficulty() const { return with_difficulty_; }

 private:
  const ClaimStore& store_;
  const SolverOptions& options_;
  bool with_difficulty_;
  FactIndex index_;
  std::vector<bool> has_claims_;
};

}  // namespace

Solution SolveCorroboration(const ClaimStore& store, const SolverOptions& options,
                            bool with_difficulty, std::string_view name) {
  const auto start = std::chrono::steady_clock::now();
  Solution solution;
  SolverSummary& summary = solution.summary;
  summary.algorithm = std::string(name);
  if (FailWithoutClaims(store, &solution)) return solution;

  const Corroboration model(store, options, with_difficulty);
  const FactIndex& index = model.index();
  std::vector<double> error(store.num_outlets(), kInitialError);
  std::vector<double> difficulty(index.num_slots(), with_difficulty ? kInitialDifficulty : 1.0);
  std::vector<double> theta;
  summary.termination = TerminationType::kNoConvergence;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    theta = model.AllTruths(error, difficulty);
    Normalize(&theta, index.claimed);
    double change = 0.0;
    if (with_difficulty) {
      std::vector<double> next = model.Difficulties(theta, error, difficulty);
      Normalize(&next, index.claimed);
      change = MaxAbsDifference(next, difficulty);
      difficulty = std::move(next);
    }
    std::vector<double> next = model.Errors(theta, difficulty, error);
    if (with_difficulty) Normalize(&next, model.has_claims());
    change = std::max(change, MaxAbsDifference(next, error));
    error = std::move(next);
    summary.iterations = iteration;
    summary.final_change = change;
    if (change < options.tolerance) {
      summary.termination = TerminationType::kConvergence;
      break;
    }
  }
  summary.message = summary.IsConverged()
                        ? (with_difficulty ? "no error rate or difficulty moved by more than the "
                                             "tolerance"
                                           : "no error rate moved by more than the tolerance")
                        : "iteration cap reached";

  // Final truth values from the final parameters, normalised with their own min-max range,
  // then made a distribution over each proposition's states.
  std::vector<double> final_theta = model.AllTruths(error, difficulty);
  const Range range = Normalize(&final_theta, index.claimed);
  FinishFromBeliefs(
      store, options,
      [&](std::size_t p, std::uint32_t masked_group, std::span<double> out) {
        model.Truth(p, masked_group, error, difficulty, out);
        const std::uint32_t first = index.begin[p];
        for (std::uint32_t k = 0; k < out.size(); ++k) {
          out[k] = index.claimed[first + k] ? range.Apply(out[k]) : 0.0;
        }
        NormalizeScores(out);
      },
      &solution);
  solution.reliability.resize(store.num_outlets());
  for (std::size_t s = 0; s < store.num_outlets(); ++s) {
    solution.reliability[s] = model.has_claims()[s] ? std::clamp(1.0 - error[s], 0.0, 1.0)
                                                    : PosteriorMeanReliability(options, 0.0, 0.0);
  }
  summary.solve_seconds = SecondsSince(start);
  return solution;
}

}  // namespace credence::internal

// Pieces shared by the static crowd-labelling solvers (Dawid-Skene, one-coin, GLAD, MACE, WAWA):
// all of them keep one posterior over the true state per proposition and derive the claim
// probabilities and the one-segment timelines from it the same way.
#ifndef CREDENCE_SOLVERS_CROWD_COMMON_H_
#define CREDENCE_SOLVERS_CROWD_COMMON_H_

#include <chrono>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "credence/claim_store.h"
#include "credence/solver.h"
#include "solvers/solver_common.h"

namespace credence::internal {

// One distribution over num_states() per proposition, in one flat array.
class StatePosteriors {
 public:
  explicit StatePosteriors(const ClaimStore& store);
  std::span<double> Of(std::size_t p) { return {values_.data() + offsets_[p], Size(p)}; }
  std::span<const double> Of(std::size_t p) const {
    return {values_.data() + offsets_[p], Size(p)};
  }
  // Largest absolute difference to `other` (same store).
  double MaxChange(const StatePosteriors& other) const;

 private:
  std::size_t Size(std::size_t p) const { return offsets_[p + 1] - offsets_[p]; }
  std::vector<std::size_t> offsets_;
  std::vector<double> values_;
};

// True when state k of p names the same label as state k of every other proposition of its
// predicate: booleans (false/true) and predicates with a declared domain ("values"). Only then
// can per-label parameters (confusion matrices, class priors) be shared across propositions.
bool HasSharedLabels(const ClaimStore& store, std::size_t p);

// Weighted vote shares of p's states, leaving out the claims of `masked_group` (pass
// ClaimStore::kUnknownState to keep all); uniform when no scorable claim is left.
void VoteShares(const ClaimStore& store, std::size_t p, std::uint32_t masked_group,
                std::span<double> out);

// The start of every EM crowd solver: soft majority vote, P(z_p = k) = the share of p's claim
// weight on state k (VoteShares with nothing left out). Starting from the parameters' prior
// instead is a dead start when the prior is symmetric: with equal priors on two-label data every
// source is at accuracy 0.5, every posterior at 0.5, an exact fixed point of EM. The vote shares
// break that symmetry from the data, deterministically, and are what crowd-kit starts from.
void MajorityVoteStart(const ClaimStore& store, int num_threads, StatePosteriors* posteriors);

// The same start per claim, for solvers that keep no per-state posteriors (the temporal EM):
// entry c is the share of c's state among the weight of c's proposition, NaN when c cannot be
// scored (its state is unknown).
std::vector<double> MajorityVotePosteriors(const ClaimStore& store);

// Turns log weights into probabilities in place; returns their log-sum-exp.
double NormalizeLogs(std::span<double> log_weights);

// Normalises log weights like NormalizeLogs and sums their log-sum-exps, without a logarithm
// per call: the sum of the maxima is kept apart from the product of the (>= 1) partial sums,
// whose exponent is taken out with frexp as it grows. For the E-step's objective.
class LogPartitionSum {
 public:
  void Normalize(std::span<double> log_weights) {
    double m = log_weights[0];
    for (double x : log_weights) m = x > m ? x : m;
    if (!std::isfinite(m)) {
      total_ += NormalizeLogs(log_weights);
      return;
    }
    double sum = 0.0;
    for (double& x : log_weights) {
      x = std::exp(x - m);
      sum += x;
    }
    const double inverse = 1.0 / sum;
    for (double& x : log_weights) x *= inverse;
    maxima_ += m;
    product_ *= sum;
    if (product_ > 0x1p512) {
      int exponent = 0;
      product_ = std::frexp(product_, &exponent);
      exponent_ += exponent;
    }
  }
  double Total() const {
    return total_ + maxima_ + std::log(product_) +
           static_cast<double>(exponent_) * 0.69314718055994530942;
  }

 private:
  double total_ = 0.0;
  double maxima_ = 0.0;
  double product_ = 1.0;
  long long exponent_ = 0;
};

// The most probable state; ties go to the smallest value text (byte order) and the "none of
// these" state loses every tie, as in majority_vote.cc.
std::uint32_t MostProbableState(const ClaimStore& store, std::size_t p,
                                std::span<const double> posterior);

// P(claim true) = posterior of its state, for the positions of ClaimsOfProposition(p); NaN for
// claims that cannot be scored.
void ClaimProbabilitiesOf(const ClaimStore& store, std::size_t p, std::span<const double> posterior,
                          std::vector<double>* out);

// Fills claim_probability, one-segment timelines and the per-source evidence from posteriors.
void FillFromPosteriors(const ClaimStore& store, const SolverOptions& options,
                        const StatePosteriors& posteriors, Solution* solution);

// Marks the solution as failed when the store has no claims; returns true if it did.
bool FailWithoutClaims(const ClaimStore& store, Solution* solution);

double SecondsSince(std::chrono::steady_clock::time_point start);

// The EM loop the crowd models share: `e_step()` fills the posteriors and returns the objective,
// `m_step()` re-estimates the parameters and returns their largest change. Stops with
// kConvergence when that change, or the objective's change, falls below the tolerance, else at
// the iteration cap; a last E-step makes the posteriors consistent with the final parameters.
template <typename EStep, typename MStep>
void RunEm(const SolverOptions& options, const EStep& e_step, const MStep& m_step,
           SolverSummary* summary) {
  summary->termination = TerminationType::kNoConvergence;
  std::vector<double>& trace = summary->log_likelihood;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    trace.push_back(e_step());
    const double change = m_step();
    summary->iterations = iteration;
    summary->final_change = change;
    const std::size_t n = trace.size();
    const bool objective_settled =
        n >= 2 && std::abs(trace[n - 1] - trace[n - 2]) < options.tolerance;
    if (change < options.tolerance || objective_settled) {
      summary->termination = TerminationType::kConvergence;
      break;
    }
  }
  trace.push_back(e_step());
  summary->message = summary->IsConverged()
                         ? "largest parameter change or objective change below tolerance"
                         : "iteration cap reached";
}

// Leave-one-group-out influences for a model with
// Posterior(std::size_t p, std::uint32_t masked_group, std::span<double> out).
template <typename Model>
void ComputeModelInfluences(const ClaimStore& store, const SolverOptions& options,
                            const Model& model, Solution* solution) {
  ComputeInfluences(
      store, options,
      [&](std::size_t p, std::uint32_t group, std::vector<double>* out) {
        std::vector<double> posterior(store.propositions()[p].num_states());
        model.Posterior(p, group, posterior);
        ClaimProbabilitiesOf(store, p, posterior, out);
      },
      solution);
}

}  // namespace credence::internal

#endif  // CREDENCE_SOLVERS_CROWD_COMMON_H_

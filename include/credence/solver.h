// The solver interface: every algorithm, from majority vote to the temporal EM, takes the same
// store and options and returns the same Solution, so that researchers can swap them freely.
#ifndef CREDENCE_SOLVER_H_
#define CREDENCE_SOLVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "credence/claim_store.h"

namespace credence {

// The range of prior pseudo-counts the engine honours (SolverOptions::IsValid refuses others).
// Floor: a source's credible interval is the central 90% of Beta(alpha + t, beta + n - t); with
// a pseudo-count below about 0.013 the mean of a source with no evidence falls outside its own
// interval (Beta(0.01, 1): mean 0.0099, 95% quantile 0.0059), and the quantiles underflow to 0
// or 1. 0.1 leaves a margin of almost ten and is close enough to 0 for a maximum-likelihood-like
// fit. Ceiling: 1e6 pseudo-counts outweigh the evidence of all but million-claim sources, and
// the inverse incomplete beta loses its series at about 1e12 (posteriors add up to the 2e7
// claims of the largest input on top of the prior).
inline constexpr double kMinPriorCount = 0.1;
inline constexpr double kMaxPriorCount = 1e6;
// More threads than this is a typo, not a machine: refused rather than started.
inline constexpr int kMaxThreads = 1024;

struct SolverOptions {
  std::string algorithm = "temporal-em";

  // Iteration control (iterative algorithms).
  int max_iterations = 200;
  double tolerance = 1e-6;  // stop when no reliability moves by more than this

  // Beta(prior_alpha, prior_beta) pseudo-counts on every source's reliability: a source with
  // two claims is not rated 1.0. Its mean (0.8: most reports of facts are right) is the
  // reliability of a source without evidence. Each in [kMinPriorCount, kMaxPriorCount].
  double prior_alpha = 4.0;
  double prior_beta = 1.0;

  // Temporal models. The prior mean of a predicate's change rate (expected changes of its true
  // value per year) unless the predicate declares its own "change_rate"; the model learns the
  // rate from the data, and this prior weighs as much as change_rate_prior_years years of
  // observed time (docs/model.md derives both). Predicates declared "mutable": false never change.
  double change_rate_per_year = 1.0;
  double change_rate_prior_years = 1.0;
  // Expected changes within the period a claim's `since` or `until` names: the claim reports
  // one change there, so 1.
  double dated_change_count = 1.0;

  // Probabilities are kept in [clamp, 1 - clamp] so that no log ever sees 0.
  double probability_clamp = 1e-6;

  // A claim with probability >= confirm_threshold is confirmed, <= contradict_threshold is
  // contradicted, in between unresolved (unless superseded). 0.9 is above what one claim of a
  // source at the prior mean reaches alone, so confirmation takes corroboration.
  double confirm_threshold = 0.9;
  double contradict_threshold = 0.1;

  // Explanations recompute a proposition once per evidence group left out; propositions with
  // more groups than this get no per-claim influences (the rest of the explanation stays).
  // Below 2 no influences are computed at all (Solution::influences stays empty): the setting
  // for large runs, where explanations would cost more than the fit.
  int explain_max_groups = 64;

  // Threads for the parallel passes, 1 to kMaxThreads; output is byte-identical for any value.
  int num_threads = 1;

  // For algorithms that draw random numbers (none of the current ones do); recorded in output.
  std::uint64_t seed = 0;

  // --- Crowd models (Dawid-Skene) ---
  // Weight, in answers, of the prior that pulls each source's confusion matrix toward the
  // population's: every (true state, label) cell gets confusion_pseudo_count times the joint
  // share of that cell over all sources at the majority-vote start (docs/model.md,
  // "Dawid-Skene"). 1: a source is presumed to answer like the crowd until its own answers
  // outweigh one imaginary answer, so a source with n answers is n / (n + 1) its own. Centred
  // on the population, the prior cannot tilt symmetric data the way a fixed pseudo-count per
  // cell does. In (0, kMaxPriorCount].
  double confusion_pseudo_count = 1.0;

  // Returns false and says why when an option is out of range.
  bool IsValid(std::string* error) const;
};

enum class TerminationType {
  kConvergence,    // the tolerance was met
  kNoConvergence,  // stopped by max_iterations: never reported as converged
  kUserFailure,    // the input cannot be solved (e.g. no claims)
};

std::string_view ToString(TerminationType type);

struct SolverSummary {
  std::string algorithm;
  int iterations = 0;
  TerminationType termination = TerminationType::kNoConvergence;
  std::string message;
  // Objective after each iteration: the log posterior for probabilistic models (non-decreasing
  // for EM), the algorithm's own objective otherwise; empty when it has none.
  std::vector<double> log_likelihood;
  double final_change = 0.0;  // largest reliability change in the last iteration
  double solve_seconds = 0.0;

  bool IsConverged() const { return termination == TerminationType::kConvergence; }
  std::string BriefReport() const;
  std::string FullReport() const;
};

// One run of a piecewise-constant timeline in a proposition's time-ordered claims.
struct StateSegment {
  std::uint32_t state = 0;
  std::uint32_t first_step = 0;  // positions in ClaimStore::ClaimsOfProposition(p)
  std::uint32_t last_step = 0;   // inclusive
  double probability = 0.0;      // mean posterior of `state` over the segment's claims
};

// The posterior of a change between two consecutive timeline segments (temporal models).
struct ChangeEstimate {
  // P(old state at the old segment's last claim and new state at the new segment's first): the
  // probability that the world changed rather than that one side is wrong.
  double probability = 0.0;
  // The same given that the old state held at the old segment's last claim.
  double probability_if_earlier_true = 0.0;
  // The day the new state began: posterior median and 5% / 95% quantiles (days since 1970).
  std::int32_t at = 0;
  std::int32_t earliest = 0;
  std::int32_t latest = 0;
};

// How much one evidence group moved a claim's probability: p(claim) - p(claim without group).
struct Influence {
  std::uint32_t group = 0;
  double delta = 0.0;
};

struct Solution {
  SolverSummary summary;
  // Per source: reliability, and the weighted evidence behind it (sum of w * p, sum of w), from
  // which the Beta posterior Beta(alpha + true_weight, beta + total_weight - true_weight) and
  // its credible interval follow.
  std::vector<double> reliability;
  std::vector<double> true_weight;
  std::vector<double> total_weight;
  // Per claim: probability of being true as of its time; NaN when the claim cannot be scored.
  std::vector<double> claim_probability;
  // Per proposition: the decoded timeline (one segment for static predicates and algorithms).
  std::vector<std::vector<StateSegment>> timelines;
  // Per proposition: one ChangeEstimate per pair of consecutive segments; empty for algorithms
  // without a time model.
  std::vector<std::vector<ChangeEstimate>> changes;
  // Per predicate: the learned change rate (per year); empty for algorithms without one.
  std::vector<double> change_rate_per_year;
  // Per claim: influences of the other evidence groups on its proposition, largest first;
  // empty when the algorithm gives none or the proposition exceeds explain_max_groups; the
  // whole vector is empty when explain_max_groups < 2.
  std::vector<std::vector<Influence>> influences;
};

class Solver {
 public:
  virtual ~Solver() = default;
  virtual std::string_view Name() const = 0;
  virtual Solution Solve(const ClaimStore& store, const SolverOptions& options) const = 0;
};

// The algorithms on offer, by command-line name.
std::vector<std::string_view> SolverNames();
// Throws std::invalid_argument naming the known algorithms when `name` is not one of them.
std::unique_ptr<Solver> CreateSolver(std::string_view name);

}  // namespace credence

#endif  // CREDENCE_SOLVER_H_

// GLAD: J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma and J. Movellan, "Whose Vote Should Count
// More: Optimal Integration of Labels from Labelers of Unknown Expertise", NIPS 2009.
//
// Model. Source s has an expertise alpha_s (any real: negative means adversarial), proposition
// p a difficulty 1 / beta_p with beta_p = exp(b_p) > 0. A claim is right with probability
//     r_c = sigma(alpha_s * beta_p),   sigma(x) = 1 / (1 + e^-x),
// and a wrong claim picks one of the other K - 1 states uniformly (the paper's multi-class
// form; the "none of these" state counts among them):
//     P(v_c | z_p = k) = r_c if v_c = k, else (1 - r_c) / (K - 1),
// raised to the claim weight w_c. The prior over z_p is uniform over the K states (the paper
// takes p(z) as given). Priors: alpha_s ~ N(1, 1) and b_p ~ N(0, 1) (beta = 1 at the mean),
// the paper's initial values. EM starts with one M-step from those values and soft
// majority-vote posteriors (crowd_common.h, MajorityVoteStart: no dead start).
// E-step: T_pk ∝ prod_c P(v_c | k)^{w_c}; P(claim true) = q_c = T_{p,v_c}.
// M-step: ascend Q = sum_c w_c [q_c log r_c + (1 - q_c) log(1 - r_c)]
//                   - sum_s (alpha_s - 1)^2 / 2 - sum_p b_p^2 / 2,
// with dQ/dalpha_s = sum_c w_c (q_c - r_c) beta_p - (alpha_s - 1) and
//      dQ/db_p     = sum_c w_c (q_c - r_c) alpha_s beta_p - b_p.
// Given b, Q separates over the alpha_s, and given alpha over the b_p, so each M-step makes
// kGradientSteps alternating passes: every alpha_s, then every b_p, takes one gradient step
// of size 1 / h, where h bounds the curvature (h = 1 + sum_c w_c beta_p^2 / 4 for alpha_s;
// 1 + sum_c w_c (x_c^2 / 4 + |q_c - r_c| |x_c|), x_c = alpha_s beta_p, for b_p), halved until
// that parameter's part of Q does not decrease (at most 30 halvings, else the step is dropped).
// Deviation: the paper maximises Q with conjugate gradient to convergence; this fixed,
// monotone number of steps is a generalised EM, so the traced objective
//     sum_p log Z_p - sum_s (alpha_s - 1)^2 / 2 - sum_p b_p^2 / 2   (up to a constant)
// still never decreases. Stop when no alpha_s or b_p moves by more than the tolerance or the
// objective moves by less than it. Reliability[s] = sigma(alpha_s): the probability of being
// right on an item of average difficulty (beta = 1). Influences: the posterior with one
// evidence group left out, alpha and beta held at their final values.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "solvers/crowd_common.h"
#include "solvers/registry.h"
#include "solvers/solver_common.h"
#include "util/parallel.h"

namespace credence::internal {
namespace {

constexpr int kGradientSteps = 5;
constexpr int kMaxHalvings = 30;
constexpr double kAlphaPriorMean = 1.0;

double LogSigmoid(double x) {
  return x >= 0.0 ? -std::log1p(std::exp(-x)) : x - std::log1p(std::exp(x));
}
double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The part of Q that involves x = alpha * beta of one claim.
double ClaimTerm(double weight, double q, double x) {
  return weight * (q * LogSigmoid(x) + (1.0 - q) * LogSigmoid(-x));
}

class Glad {
 public:
  Glad(const ClaimStore& store, const SolverOptions& options)
      : store_(store),
        options_(options),
        alpha_(store.num_outlets(), kAlphaPriorMean),
        b_(store.num_propositions(), 0.0),
        q_(store.num_claims(), 0.0) {}

  const std::vector<double>& alpha() const { return alpha_; }

  // q_c from given posteriors (the start), for the first M-step.
  void SetClaimPosteriors(const StatePosteriors& posteriors) {
    const auto state = store_.claim_state();
    const auto proposition = store_.claim_proposition();
    for (std::size_t c = 0; c < store_.num_claims(); ++c) {
      if (state[c] != ClaimStore::kUnknownState) q_[c] = posteriors.Of(proposition[c])[state[c]];
    }
  }

  // Normalised posterior of p, leaving out `masked_group`; returns log Z.
  double Posterior(std::size_t p, std::uint32_t masked_group, std::span<double> out) const {
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    const std::size_t k = out.size();
    std::fill(out.begin(), out.end(), -std::log(static_cast<double>(k)));
    const double log_alternatives = std::log(static_cast<double>(std::max<std::size_t>(k - 1, 1)));
    const double beta = std::exp(b_[p]);
    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
      if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
      const double x = alpha_[source[c]] * beta;
      const double log_right = LogSigmoid(x);
      const double log_wrong = LogSigmoid(-x) - log_alternatives;
      for (double& v : out) v += weight[c] * log_wrong;
      out[state[c]] += weight[c] * (log_right - log_wrong);
    }
    return NormalizeLogs(out);
  }

  // Fills the posteriors and q_c; returns the objective at the current parameters.
  double EStep(StatePosteriors* posteriors) {
    std::vector<double> log_z(store_.num_propositions());
    const auto state = store_.claim_state();
    ParallelFor(store_.num_propositions(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    const auto t = posteriors->Of(p);
                    log_z[p] = Posterior(p, ClaimStore::kUnknownState, t);
                    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
                      if (state[c] != ClaimStore::kUnknownState) q_[c] = t[state[c]];
                    }
                  }
                });
    double objective = 0.0;
    for (double z : log_z) objective += z;
    for (double a : alpha_) objective -= 0.5 * (a - kAlphaPriorMean) * (a - kAlphaPriorMean);
    for (double b : b_) objective -= 0.5 * b * b;
    return objective;
  }

  // Generalised M-step; returns the largest parameter change.
  double MStep() {
    const std::vector<double> old_alpha = alpha_;
    const std::vector<double> old_b = b_;
    for (int step = 0; step < kGradientSteps; ++step) {
      ParallelFor(store_.num_outlets(), options_.num_threads,
                  [&](std::size_t begin, std::size_t end, int) {
                    for (std::size_t s = begin; s < end; ++s) StepAlpha(s);
                  });
      ParallelFor(store_.num_propositions(), options_.num_threads,
                  [&](std::size_t begin, std::size_t end, int) {
                    for (std::size_t p = begin; p < end; ++p) StepB(p);
                  });
    }
    double change = 0.0;
    for (std::size_t s = 0; s < alpha_.size(); ++s) {
      change = std::max(change, std::abs(alpha_[s] - old_alpha[s]));
    }
    for (std::size_t p = 0; p < b_.size(); ++p)
      change = std::max(change, std::abs(b_[p] - old_b[p]));
    return change;
  }

 private:
  // Q restricted to alpha_s, as a function of its value.
  double AlphaObjective(std::size_t s, double a) const {
    const auto state = store_.claim_state();
    const auto proposition = store_.claim_proposition();
    const auto weight = store_.claim_weight();
    double q = -0.5 * (a - kAlphaPriorMean) * (a - kAlphaPriorMean);
    for (std::uint32_t c : store_.ClaimsOfSource(s)) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      q += ClaimTerm(weight[c], q_[c], a * std::exp(b_[proposition[c]]));
    }
    return q;
  }

  double BObjective(std::size_t p, double b) const {
    const auto state = store_.claim_state();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    const double beta = std::exp(b);
    double q = -0.5 * b * b;
    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      q += ClaimTerm(weight[c], q_[c], alpha_[source[c]] * beta);
    }
    return q;
  }

  void StepAlpha(std::size_t s) {
    const auto state = store_.claim_state();
    const auto proposition = store_.claim_proposition();
    const auto weight = store_.claim_weight();
    double gradient = -(alpha_[s] - kAlphaPriorMean);
    double curvature = 1.0;
    for (std::uint32_t c : store_.ClaimsOfSource(s)) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      const double beta = std::exp(b_[proposition[c]]);
      gradient += weight[c] * (q_[c] - Sigmoid(alpha_[s] * beta)) * beta;
      curvature += 0.25 * weight[c] * beta * beta;
    }
    alpha_[s] =
        LineSearch(alpha_[s], gradient / curvature, [&](double a) { return AlphaObjective(s, a); });
  }

  void StepB(std::size_t p) {
    const auto state = store_.claim_state();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    const double beta = std::exp(b_[p]);
    double gradient = -b_[p];
    double curvature = 1.0;
    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      const double x = alpha_[source[c]] * beta;
      const double residual = q_[c] - Sigmoid(x);
      gradient += weight[c] * residual * x;
      curvature += weight[c] * (0.25 * x * x + std::abs(residual * x));
    }
    b_[p] = LineSearch(b_[p], gradient / curvature, [&](double b) { return BObjective(p, b); });
  }

  // Halves `step` until the objective does not decrease; keeps `value` if it always does.
  template <typename Objective>
  static double LineSearch(double value, double step, const Objective& objective) {
    if (step == 0.0 || !std::isfinite(step)) return value;
    const double current = objective(value);
    for (int i = 0; i < kMaxHalvings; ++i, step *= 0.5) {
      if (objective(value + step) >= current) return value + step;
    }
    return value;
  }

  const ClaimStore& store_;
  const SolverOptions& options_;
  std::vector<double> alpha_;
  std::vector<double> b_;
  std::vector<double> q_;  // per claim: posterior that it is right, from the last E-step
};

class GladSolver final : public Solver {
 public:
  std::string_view Name() const override { return "glad"; }

  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    const auto start = std::chrono::steady_clock::now();
    Solution solution;
    SolverSummary& summary = solution.summary;
    summary.algorithm = std::string(Name());
    if (FailWithoutClaims(store, &solution)) return solution;

    Glad model(store, options);
    StatePosteriors posteriors(store);
    MajorityVoteStart(store, options.num_threads, &posteriors);
    model.SetClaimPosteriors(posteriors);
    model.MStep();
    RunEm(
        options, [&] { return model.EStep(&posteriors); }, [&] { return model.MStep(); }, &summary);

    FillFromPosteriors(store, options, posteriors, &solution);
    solution.reliability.resize(store.num_outlets());
    for (std::size_t s = 0; s < store.num_outlets(); ++s) {
      solution.reliability[s] = std::clamp(Sigmoid(model.alpha()[s]), options.probability_clamp,
                                           1.0 - options.probability_clamp);
    }
    ComputeModelInfluences(store, options, model, &solution);
    summary.solve_seconds = SecondsSince(start);
    return solution;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeGladSolver() { return std::make_unique<GladSolver>(); }

}  // namespace credence::internal

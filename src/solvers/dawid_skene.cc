// Dawid-Skene: A. P. Dawid and A. M. Skene, "Maximum Likelihood Estimation of Observer
// Error-Rates Using the EM Algorithm", Applied Statistics 28(1):20-28, 1979.
//
// Model. Proposition p (the item) has a true state z_p. On a predicate whose state indices are
// shared labels (booleans, or a declared domain "values": state k of every proposition of the
// predicate is the k-th domain value), each source s has a full K x K confusion matrix per such
// predicate g, pi_{s,g}[k][l] = P(s says l | z = k), and g has class priors rho_g[k]:
//     P(z_p = k | claims) ∝ rho_g[k] * prod_c pi_{s_c,g}[k][v_c]^{w_c}.
// Without a declared domain state k of one proposition has nothing to do with state k of
// another, so no confusion matrix can be shared: such propositions fall back to the one-coin
// form, one accuracy a_s per source, wrong answers uniform over the other K - 1 states (the
// "none of these" state included) and a uniform prior over the K states.
// Claim weights w_c multiply every claim's contribution (its log-likelihood and its counts).
//
// EM as in the paper: T_pk = P(z_p = k) starts from the (weighted) majority-vote shares; then
//   M-step: pi_{s,g}[k][l] ∝ eps + sum_{c by s on g, v_c = l} w_c T_{p_c,k},
//           rho_g[k] ∝ eps + sum_{p on g} T_pk,
//           a_s = (eps + sum_c w_c T_{p_c,v_c}) / (2 eps + sum_c w_c),
//   E-step: T_pk ∝ prior_k * prod_c P(v_c | k)^{w_c}.
// Deviation: eps = 0.01 pseudo-counts are added to every count (the paper has none) so that no
// probability is exactly 0; EM then maximises the log posterior under Dirichlet(1 + eps)
// priors, sum_p log Z_p + eps * sum log(parameters), which the summary's log_likelihood traces
// (non-decreasing). Iteration stops when no parameter moves by more than the tolerance or the
// objective moves by less than it.
// Output. P(claim true) = T_{p,v_c}; reliability[s] = the probability that s answers one of its
// claims correctly under the fitted model, sum_c w_c acc_c / sum_c w_c with
// acc_c = sum_k rho_g[k] pi_{s,g}[k][k] (or a_s on one-coin propositions); a source with no
// scorable claim gets the prior mean alpha / (alpha + beta). Influences: the posterior of the
// proposition with one evidence group left out, parameters held at their final values.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
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

constexpr double kSmoothing = 0.01;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// Where each parameter lives in one flat vector: class priors per labelled predicate, then the
// confusion matrices (row = true state) grouped by source, then one accuracy per source.
struct Layout {
  std::vector<std::size_t> prior_offset;  // per predicate; kNone when unlabelled
  std::vector<std::size_t> num_labels;    // per predicate
  std::vector<std::size_t> claim_matrix;  // per claim; kNone when one-coin or unscorable
  std::vector<std::size_t> source_begin;  // matrices of s: [source_begin[s], source_begin[s+1])
  std::vector<std::size_t> matrix_offset;
  std::vector<std::size_t> matrix_size;  // K of the matrix
  std::vector<bool> uses_accuracy;       // per source: has one-coin claims
  std::size_t accuracy_offset = 0;
  std::size_t size = 0;
};

Layout MakeLayout(const ClaimStore& store) {
  Layout layout;
  const std::size_t num_predicates = store.predicates().size();
  layout.prior_offset.assign(num_predicates, kNone);
  layout.num_labels.assign(num_predicates, 0);
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    if (!HasSharedLabels(store, p)) continue;
    const std::uint32_t g = store.propositions()[p].predicate;
    if (layout.prior_offset[g] != kNone) continue;
    layout.num_labels[g] = store.propositions()[p].num_states();
    layout.prior_offset[g] = layout.size;
    layout.size += layout.num_labels[g];
  }
  const auto proposition = store.claim_proposition();
  const auto state = store.claim_state();
  layout.claim_matrix.assign(store.num_claims(), kNone);
  layout.uses_accuracy.assign(store.num_outlets(), false);
  layout.source_begin.push_back(0);
  for (std::size_t s = 0; s < store.num_outlets(); ++s) {
    std::map<std::uint32_t, std::size_t> matrix_of_predicate;
    for (std::uint32_t c : store.ClaimsOfSource(s)) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      const std::size_t p = proposition[c];
      if (!HasSharedLabels(store, p)) {
        layout.uses_accuracy[s] = true;
        continue;
      }
      const std::uint32_t g = store.propositions()[p].predicate;
      auto [it, inserted] = matrix_of_predicate.try_emplace(g, layout.matrix_offset.size());
      if (inserted) {
        layout.matrix_offset.push_back(layout.size);
        layout.matrix_size.push_back(layout.num_labels[g]);
        layout.size += layout.num_labels[g] * layout.num_labels[g];
      }
      layout.claim_matrix[c] = layout.matrix_offset[it->second];
    }
    layout.source_begin.push_back(layout.matrix_offset.size());
  }
  layout.accuracy_offset = layout.size;
  layout.size += store.num_outlets();
  return layout;
}

class DawidSkene {
 public:
  DawidSkene(const ClaimStore& store, const SolverOptions& options)
      : store_(store),
        options_(options),
        layout_(MakeLayout(store)),
        theta_(layout_.size, 0.5),
        log_theta_(layout_.size, 0.0) {}

  const std::vector<double>& theta() const { return theta_; }

  // Parameters from the posteriors; returns the largest parameter change.
  double MStep(const StatePosteriors& posteriors) {
    std::vector<double> next(layout_.size, 0.5);
    const auto proposition = store_.claim_proposition();
    const auto state = store_.claim_state();
    const auto weight = store_.claim_weight();
    ParallelFor(
        store_.num_outlets(), options_.num_threads, [&](std::size_t begin, std::size_t end, int) {
          for (std::size_t s = begin; s < end; ++s) {
            for (std::size_t m = layout_.source_begin[s]; m < layout_.source_begin[s + 1]; ++m) {
              const std::size_t k = layout_.matrix_size[m];
              std::fill_n(next.begin() + static_cast<std::ptrdiff_t>(layout_.matrix_offset[m]),
                          k * k, kSmoothing);
            }
            double right = 0.0;
            double total = 0.0;
            for (std::uint32_t c : store_.ClaimsOfSource(s)) {
              if (state[c] == ClaimStore::kUnknownState) continue;
              const auto t = posteriors.Of(proposition[c]);
              const std::size_t offset = layout_.claim_matrix[c];
              if (offset == kNone) {
                right += weight[c] * t[state[c]];
                total += weight[c];
                continue;
              }
              const std::size_t k = t.size();
              for (std::size_t truth = 0; truth < k; ++truth) {
                next[offset + truth * k + state[c]] += weight[c] * t[truth];
              }
            }
            for (std::size_t m = layout_.source_begin[s]; m < layout_.source_begin[s + 1]; ++m) {
              const std::size_t k = layout_.matrix_size[m];
              for (std::size_t row = 0; row < k; ++row) {
                NormalizeCounts(
                    std::span<double>(next).subspan(layout_.matrix_offset[m] + row * k, k));
              }
            }
            if (layout_.uses_accuracy[s]) {
              next[layout_.accuracy_offset + s] = (kSmoothing + right) / (2.0 * kSmoothing + total);
            }
          }
        });
    for (std::size_t g = 0; g < layout_.prior_offset.size(); ++g) {
      if (layout_.prior_offset[g] == kNone) continue;
      std::fill_n(next.begin() + static_cast<std::ptrdiff_t>(layout_.prior_offset[g]),
                  layout_.num_labels[g], kSmoothing);
    }
    for (std::size_t p = 0; p < store_.num_propositions(); ++p) {
      if (!HasSharedLabels(store_, p)) continue;
      const std::size_t offset = layout_.prior_offset[store_.propositions()[p].predicate];
      const auto t = posteriors.Of(p);
      for (std::size_t k = 0; k < t.size(); ++k) next[offset + k] += t[k];
    }
    for (std::size_t g = 0; g < layout_.prior_offset.size(); ++g) {
      if (layout_.prior_offset[g] == kNone) continue;
      NormalizeCounts(
          std::span<double>(next).subspan(layout_.prior_offset[g], layout_.num_labels[g]));
    }
    double change = 0.0;
    for (std::size_t i = 0; i < next.size(); ++i) {
      change = std::max(change, std::abs(next[i] - theta_[i]));
      log_theta_[i] = std::log(next[i]);
    }
    theta_ = std::move(next);
    return change;
  }

  // Posteriors from the parameters; returns the objective (log posterior of the parameters).
  double EStep(StatePosteriors* posteriors) const {
    std::vector<double> log_z(store_.num_propositions());
    ParallelFor(store_.num_propositions(), options_.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    log_z[p] = Posterior(p, ClaimStore::kUnknownState, posteriors->Of(p));
                  }
                });
    double objective = 0.0;
    for (double z : log_z) objective += z;
    double log_prior = 0.0;
    for (std::size_t i = 0; i < layout_.accuracy_offset; ++i) log_prior += log_theta_[i];
    for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
      if (!layout_.uses_accuracy[s]) continue;
      const double a = theta_[layout_.accuracy_offset + s];
      log_prior += std::log(a) + std::log1p(-a);
    }
    return objective + kSmoothing * log_prior;
  }

  // Normalised posterior of p leaving out `masked_group`; returns log Z.
  double Posterior(std::size_t p, std::uint32_t masked_group, std::span<double> out) const {
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    const std::size_t k = out.size();
    if (HasSharedLabels(store_, p)) {
      const std::size_t prior = layout_.prior_offset[store_.propositions()[p].predicate];
      for (std::size_t truth = 0; truth < k; ++truth) out[truth] = log_theta_[prior + truth];
      for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
        if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
        const std::size_t offset = layout_.claim_matrix[c];
        for (std::size_t truth = 0; truth < k; ++truth) {
          out[truth] += weight[c] * log_theta_[offset + truth * k + state[c]];
        }
      }
    } else {
      std::fill(out.begin(), out.end(), -std::log(static_cast<double>(k)));
      const double log_alternatives =
          std::log(static_cast<double>(std::max<std::size_t>(k - 1, 1)));
      for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
        if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
        const double a = theta_[layout_.accuracy_offset + source[c]];
        const double log_right = std::log(a);
        const double log_wrong = std::log1p(-a) - log_alternatives;
        for (double& x : out) x += weight[c] * log_wrong;
        out[state[c]] += weight[c] * (log_right - log_wrong);
      }
    }
    return NormalizeLogs(out);
  }

  // Probability that s answers one of its claims correctly under the fitted parameters.
  std::vector<double> Reliability() const {
    const auto proposition = store_.claim_proposition();
    const auto state = store_.claim_state();
    const auto weight = store_.claim_weight();
    std::vector<double> reliability(store_.num_outlets());
    for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
      double right = 0.0;
      double total = 0.0;
      for (std::uint32_t c : store_.ClaimsOfSource(s)) {
        if (state[c] == ClaimStore::kUnknownState) continue;
        double accuracy = theta_[layout_.accuracy_offset + s];
        const std::size_t offset = layout_.claim_matrix[c];
        if (offset != kNone) {
          const std::size_t prior =
              layout_.prior_offset[store_.propositions()[proposition[c]].predicate];
          const std::size_t k = store_.propositions()[proposition[c]].num_states();
          accuracy = 0.0;
          for (std::size_t truth = 0; truth < k; ++truth) {
            accuracy += theta_[prior + truth] * theta_[offset + truth * k + truth];
          }
        }
        right += weight[c] * accuracy;
        total += weight[c];
      }
      reliability[s] = total > 0.0 ? std::clamp(right / total, options_.probability_clamp,
                                                1.0 - options_.probability_clamp)
                                   : PosteriorMeanReliability(options_, 0.0, 0.0);
    }
    return reliability;
  }

 private:
  static void NormalizeCounts(std::span<double> counts) {
    double total = 0.0;
    for (double x : counts) total += x;
    for (double& x : counts) x /= total;
  }

  const ClaimStore& store_;
  const SolverOptions& options_;
  Layout layout_;
  std::vector<double> theta_;
  std::vector<double> log_theta_;
};

class DawidSkeneSolver final : public Solver {
 public:
  std::string_view Name() const override { return "dawid-skene"; }

  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    const auto start = std::chrono::steady_clock::now();
    Solution solution;
    SolverSummary& summary = solution.summary;
    summary.algorithm = std::string(Name());
    if (FailWithoutClaims(store, &solution)) return solution;

    StatePosteriors posteriors(store);
    ParallelFor(store.num_propositions(), options.num_threads,
                [&](std::size_t begin, std::size_t end, int) {
                  for (std::size_t p = begin; p < end; ++p) {
                    VoteShares(store, p, ClaimStore::kUnknownState, posteriors.Of(p));
                  }
                });
    DawidSkene model(store, options);
    model.MStep(posteriors);
    RunEm(
        options, [&] { return model.EStep(&posteriors); }, [&] { return model.MStep(posteriors); },
        &summary);

    FillFromPosteriors(store, options, posteriors, &solution);
    solution.reliability = model.Reliability();
    ComputeModelInfluences(store, options, model, &solution);
    summary.solve_seconds = SecondsSince(start);
    return solution;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeDawidSkeneSolver() { return std::make_unique<DawidSkeneSolver>(); }

}  // namespace credence::internal

// One-coin Dawid-Skene, the accuracy model of ACCU without copy detection: X. L. Dong,
// L. Berti-Equille and D. Srivastava, "Integrating Conflicting Data: The Role of Source
// Dependence", PVLDB 2(1):550-561, 2009 (the one-coin form of Dawid and Skene, Applied
// Statistics 28(1), 1979).
//
// Each source s has one accuracy a_s; when wrong it picks one of the other K - 1 states of the
// proposition uniformly (the "none of these" state counts among them):
//     P(v_c | z_p = k) = a_s if v_c = k, else (1 - a_s) / (K - 1),
// raised to the claim weight w_c, with a uniform prior over the K states. This is the static
// case of docs/model.md (no time, one state per proposition):
//   E-step: T_pk ∝ prod_c P(v_c | k)^{w_c},  P(claim c true) = T_{p,v_c};
//   M-step: a_s = (alpha + sum_c w_c T_{p_c,v_c}) / (alpha + beta + sum_c w_c), clamped to
//           [clamp, 1 - clamp], with alpha, beta = options.prior_alpha, prior_beta (the only
//           prior: Beta(alpha + 1, beta + 1), MAP).
// Start: the M-step from soft majority-vote posteriors (crowd_common.h, MajorityVoteStart), as
// crowd-kit does. ACCU starts every source at one common accuracy, alpha / (alpha + beta), which
// with equal priors on two-label data is 0.5: an exact fixed point where nothing ever moves.
// The summary traces sum_p log Z_p + sum_s [alpha log a_s + beta log(1 - a_s)] (non-decreasing);
// iteration stops when no a_s moves by more than the tolerance. Reliability = a_s.
// Influences: the posterior with one evidence group left out, accuracies held fixed.
// Speed: one streaming pass per iteration over the claims in proposition order does the E-step
// and the M-step sums together; only the states a claim names get a term (the wrong-answer term
// is common to all states and cancels), and the per-source sums are reduced over fixed chunks
// (util/chunked_reduce.h), so the result is the same for any number of threads.
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
#include "util/chunked_reduce.h"

namespace credence::internal {
namespace {

double LogAlternatives(std::size_t k) {
  return std::log(static_cast<double>(std::max<std::size_t>(k, 2) - 1));
}

// Normalised posterior of p, leaving out `masked_group`; returns log Z.
double Posterior(const ClaimStore& store, const std::vector<double>& accuracy, std::size_t p,
                 std::uint32_t masked_group, std::span<double> out) {
  const auto state = store.claim_state();
  const auto group = store.claim_group();
  const auto source = store.claim_source();
  const auto weight = store.claim_weight();
  const std::size_t k = out.size();
  std::fill(out.begin(), out.end(), -std::log(static_cast<double>(k)));
  const double log_alternatives = LogAlternatives(k);
  for (std::uint32_t c : store.ClaimsOfProposition(p)) {
    if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
    const double a = accuracy[source[c]];
    const double log_right = std::log(a);
    const double log_wrong = std::log1p(-a) - log_alternatives;
    for (double& x : out) x += weight[c] * log_wrong;
    out[state[c]] += weight[c] * (log_right - log_wrong);
  }
  return NormalizeLogs(out);
}

class OneCoinSolver final : public Solver {
 public:
  std::string_view Name() const override { return "one-coin"; }

  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    const auto start = std::chrono::steady_clock::now();
    Solution solution;
    SolverSummary& summary = solution.summary;
    summary.algorithm = std::string(Name());
    if (FailWithoutClaims(store, &solution)) return solution;

    const std::size_t num_sources = store.num_outlets();
    std::vector<double>& accuracy = solution.reliability;
    {
      std::vector<double> right;
      std::vector<double> total;
      AccumulateSourceEvidence(store, MajorityVotePosteriors(store), &right, &total);
      accuracy.resize(num_sources);
      for (std::size_t s = 0; s < num_sources; ++s) {
        accuracy[s] = PosteriorMeanReliability(options, right[s], total[s]);
      }
    }
    StatePosteriors posteriors(store);
    std::vector<double> log_right(num_sources);  // log a_s - log(1 - a_s)
    std::vector<double> log_wrong(num_sources);  // log(1 - a_s)
    // Sums per source: right (sum of w * T_{p,v}) then total (sum of w), then log Z.
    std::vector<double> sums(2 * num_sources + 1);
    ChunkedReduce reduce(store.num_propositions(), sums.size());
    const auto state = store.claim_state();
    const auto source = store.claim_source();
    const auto weight = store.claim_weight();

    const auto e_step = [&] {
      for (std::size_t s = 0; s < num_sources; ++s) {
        log_wrong[s] = std::log1p(-accuracy[s]);
        log_right[s] = std::log(accuracy[s]) - log_wrong[s];
      }
      reduce.Run(
          options.num_threads,
          [&](std::size_t begin, std::size_t end, std::span<double> partial) {
            LogPartitionSum log_z;
            double common_sum = 0.0;
            for (std::size_t p = begin; p < end; ++p) {
              const std::span<double> out = posteriors.Of(p);
              const std::size_t k = out.size();
              const double log_alternatives = LogAlternatives(k);
              std::fill(out.begin(), out.end(), 0.0);
              double common = -std::log(static_cast<double>(k));
              const auto claims = store.ClaimsOfProposition(p);
              for (std::uint32_t c : claims) {
                if (state[c] == ClaimStore::kUnknownState) continue;
                const double w = weight[c];
                out[state[c]] += w * (log_right[source[c]] + log_alternatives);
                common += w * (log_wrong[source[c]] - log_alternatives);
              }
              common_sum += common;
              log_z.Normalize(out);
              for (std::uint32_t c : claims) {
                if (state[c] == ClaimStore::kUnknownState) continue;
                const double w = weight[c];
                partial[source[c]] += w * out[state[c]];
                partial[num_sources + source[c]] += w;
              }
            }
            partial[2 * num_sources] = common_sum + log_z.Total();
          },
          sums);
      double objective = sums[2 * num_sources];
      for (double a : accuracy) {
        objective += options.prior_alpha * std::log(a) + options.prior_beta * std::log1p(-a);
      }
      return objective;
    };
    const auto m_step = [&] {
      double change = 0.0;
      for (std::size_t s = 0; s < num_sources; ++s) {
        const double updated = PosteriorMeanReliability(options, sums[s], sums[num_sources + s]);
        change = std::max(change, std::abs(updated - accuracy[s]));
        accuracy[s] = updated;
      }
      return change;
    };

    summary.termination = TerminationType::kNoConvergence;
    for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
      summary.log_likelihood.push_back(e_step());
      const double change = m_step();
      summary.iterations = iteration;
      summary.final_change = change;
      if (change < options.tolerance) {
        summary.termination = TerminationType::kConvergence;
        break;
      }
    }
    summary.log_likelihood.push_back(e_step());  // consistent with the reported accuracies
    summary.message =
        summary.IsConverged() ? "largest accuracy change below tolerance" : "iteration cap reached";
    FillFromPosteriors(store, options, posteriors, &solution);
    ComputeInfluences(
        store, options,
        [&](std::size_t p, std::uint32_t group, std::vector<double>* out) {
          std::vector<double> posterior(store.propositions()[p].num_states());
          Posterior(store, accuracy, p, group, posterior);
          ClaimProbabilitiesOf(store, p, posterior, out);
        },
        &solution);
    summary.solve_seconds = SecondsSince(start);
    return solution;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeOneCoinSolver() { return std::make_unique<OneCoinSolver>(); }

}  // namespace credence::internal

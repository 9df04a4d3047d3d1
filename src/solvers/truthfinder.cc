// TruthFinder: X. Yin, J. Han and P. S. Yu, "Truth Discovery with Multiple Conflicting
// Information Providers on the Web", KDD 2007 (and IEEE TKDE 20(6), 2008).
//
// A fact f is one claimed state of a proposition; its confidence s(f) and a source's
// trustworthiness t(s) are computed from each other:
//   tau(s)     = -ln(1 - t(s)),
//   sigma(f)   = sum_{c asserting f} w_c tau(s_c),
//   sigma*(f)  = sigma(f) + rho * sum_{f' != f, same proposition} sigma(f') imp(f' -> f),
//   s(f)       = 1 / (1 + e^{-gamma sigma*(f)}),
//   t(s)       = sum_{c in C_s} w_c s(f_c) / sum_{c in C_s} w_c.
// Paper defaults: t0 = 0.9, rho = 0.5, gamma = 0.3 (the dampening factor). imp(f' -> f) =
// sim(f', f) - base_sim with base_sim = 0.5; the values of a proposition are mutually exclusive
// and have no similarity (sim = 0), so imp = -0.5 between any two of them (quantities too: the
// store already merged values within tolerance into one state). Stop: as in the paper, when the
// trustworthiness vector's cosine similarity to the previous one exceeds 1 - tolerance
// (kConvergence), else after max_iterations (kNoConvergence); summary.final_change is the largest
// change of any t(s). t is kept below 1 - probability_clamp so that tau stays finite.
// Output: claim probability = s(f) of its state from the final t (the paper's confidence, not
// renormalised over the proposition: conflicting facts need not sum to 1; the "none of these"
// state gets 0); reliability = t(s) (sources without scorable claims: the prior mean); no
// objective. Influences: s(f) with one evidence group left out, t held at its final value.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "solvers/crowd_common.h"
#include "solvers/fact_finding.h"
#include "solvers/registry.h"
#include "solvers/solver_common.h"
#include "util/parallel.h"

namespace credence::internal {
namespace {

constexpr double kInitialTrust = 0.9;
constexpr double kRho = 0.5;
constexpr double kGamma = 0.3;
constexpr double kBaseSimilarity = 0.5;

class TruthFinder {
 public:
  TruthFinder(const ClaimStore& store, const SolverOptions& options)
      : store_(store), options_(options), index_(BuildFactIndex(store)) {}

  const FactIndex& index() const { return index_; }

  // s(f) of p's states from tau, leaving out `masked_group`; 0 for states nobody claims.
  void Confidence(std::size_t p, std::uint32_t masked_group, std::span<const double> tau,
                  std::span<double> out) const {
    const auto source = store_.claim_source();
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto weight = store_.claim_weight();
    std::vector<double> sigma(out.size(), 0.0);
    std::vector<bool> asserted(out.size(), false);
    for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
      if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
      sigma[state[c]] += weight[c] * tau[source[c]];
      asserted[state[c]] = true;
    }
    double total = 0.0;
    for (double x : sigma) total += x;
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (!asserted[k]) {
        out[k] = 0.0;
        continue;
      }
      const double adjusted = sigma[k] - kRho * kBaseSimilarity * (total - sigma[k]);
      out[k] = 1.0 / (1.0 + std::exp(-kGamma * adjusted));
    }
  }

  std::vector<double> Tau(const std::vector<double>& trust) const {
    std::vector<double> tau(trust.size());
    for (std::size_t s = 0; s < trust.size(); ++s) {
      tau[s] = -std::log1p(-std::min(trust[s], 1.0 - options_.probability_clamp));
    }
    return tau;
  }

  // One iteration: s(f) from t, then t from s(f).
  std::vector<double> Iterate(const std::vector<double>& trust) const {
    const std::vector<double> tau = Tau(trust);
    std::vector<double> confidence(index_.num_slots(), 0.0);
    ParallelFor(
        store_.num_propositions(), options_.num_threads,
        [&](std::size_t begin, std::size_t end, int) {
          for (std::size_t p = begin; p < end; ++p) {
            Confidence(p, ClaimStore::kUnknownState, tau,
                       std::span<double>(confidence).subspan(index_.begin[p], index_.NumStates(p)));
          }
        });
    const auto weight = store_.claim_weight();
    std::vector<double> next;
    SumPerSource(
        store_, options_.num_threads,
        [&](std::size_t c) { return weight[c] * confidence[index_.claim_slot[c]]; }, &next);
    for (std::size_t s = 0; s < next.size(); ++s) {
      next[s] = index_.source_weight[s] > 0.0 ? next[s] / index_.source_weight[s] : 0.0;
    }
    return next;
  }

 private:
  const ClaimStore& store_;
  const SolverOptions& options_;
  FactIndex index_;
};

double Cosine(const std::vector<double>& a, const std::vector<double>& b) {
  double ab = 0.0;
  double aa = 0.0;
  double bb = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0.0 && bb > 0.0 ? ab / std::sqrt(aa * bb) : 1.0;
}

class TruthFinderSolver final : public Solver {
 public:
  std::string_view Name() const override { return "truthfinder"; }

  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    const auto start = std::chrono::steady_clock::now();
    Solution solution;
    SolverSummary& summary = solution.summary;
    summary.algorithm = std::string(Name());
    if (FailWithoutClaims(store, &solution)) return solution;

    TruthFinder model(store, options);
    const FactIndex& index = model.index();
    std::vector<double> trust(store.num_outlets(), 0.0);
    for (std::size_t s = 0; s < trust.size(); ++s) {
      if (index.source_weight[s] > 0.0) trust[s] = kInitialTrust;
    }
    summary.termination = TerminationType::kNoConvergence;
    double similarity = 0.0;
    for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
      std::vector<double> next = model.Iterate(trust);
      similarity = Cosine(next, trust);
      summary.final_change = MaxAbsDifference(next, trust);
      summary.iterations = iteration;
      trust = std::move(next);
      if (1.0 - similarity < options.tolerance) {
        summary.termination = TerminationType::kConvergence;
        break;
      }
    }
    summary.message = std::string(summary.IsConverged() ? "cosine similarity of successive "
                                                          "trustworthiness vectors above "
                                                          "1 - tolerance"
                                                        : "iteration cap reached before the "
                                                          "trustworthiness vector settled") +
                      " (1 - cos = " + std::to_string(1.0 - similarity) + ")";

    const std::vector<double> tau = model.Tau(trust);
    FinishFromBeliefs(
        store, options,
        [&](std::size_t p, std::uint32_t masked_group, std::span<double> out) {
          model.Confidence(p, masked_group, tau, out);
        },
        &solution);
    solution.reliability.resize(store.num_outlets());
    for (std::size_t s = 0; s < trust.size(); ++s) {
      solution.reliability[s] =
          index.source_weight[s] > 0.0 ? trust[s] : PosteriorMeanReliability(options, 0.0, 0.0);
    }
    summary.solve_seconds = SecondsSince(start);
    return solution;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeTruthFinderSolver() { return std::make_unique<TruthFinderSolver>(); }

}  // namespace credence::internal

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
// Speed: each iteration is one streaming pass over the claims in proposition order that does the
// E-step and accumulates the M-step's counts (a confusion matrix is stored label-major, so a
// claim touches one contiguous row of K entries in each); the counts are reduced over fixed
// chunks of propositions (util/chunked_reduce.h), the same for any number of threads.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
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

// Smallest share a cell of a prior's centre gets, so that no parameter is ever exactly 0.
constexpr double kCentreFloor = 1e-6;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// Where each parameter lives in one flat vector: class priors per labelled predicate, then the
// confusion matrices (K x K, row = claimed label, column = true state) grouped by source, then
// one accuracy per source. The M-step's counts use the same layout, followed by the total claim
// weight per source (the accuracies' denominators) and the objective.
struct Layout {
  std::vector<std::size_t> prior_offset;    // per predicate; kNone when unlabelled
  std::vector<std::size_t> num_labels;      // per predicate
  std::size_t num_labelled = 0;             // predicates with shared labels
  std::vector<std::size_t> labelled_index;  // per predicate; kNone when unlabelled
  // matrix_of[s * num_labelled + labelled_index[g]]: offset of s's matrix for g, or kNone.
  std::vector<std::size_t> matrix_of;
  std::vector<std::size_t> source_begin;  // matrices of s: [source_begin[s], source_begin[s+1])
  std::vector<std::size_t> matrix_offset;
  std::vector<std::size_t> matrix_size;  // K of the matrix
  std::vector<bool> uses_accuracy;       // per source: has one-coin claims
  std::size_t accuracy_offset = 0;
  std::size_t size = 0;  // parameters
  std::size_t total_offset() const { return size; }
  std::size_t objective_offset(std::size_t num_sources) const { return size + num_sources; }

  std::size_t MatrixOf(std::size_t source, std::uint32_t predicate) const {
    return matrix_of[source * num_labelled + labelled_index[predicate]];
  }
};

Layout MakeLayout(const ClaimStore& store) {
  Layout layout;
  const std::size_t num_predicates = store.predicates().size();
  layout.prior_offset.assign(num_predicates, kNone);
  layout.num_labels.assign(num_predicates, 0);
  layout.labelled_index.assign(num_predicates, kNone);
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    if (!HasSharedLabels(store, p)) continue;
    const std::uint32_t g = store.propositions()[p].predicate;
    if (layout.prior_offset[g] != kNone) continue;
    layout.num_labels[g] = store.propositions()[p].num_states();
    layout.prior_offset[g] = layout.size;
    layout.labelled_index[g] = layout.num_labelled++;
    layout.size += layout.num_labels[g];
  }
  const auto proposition = store.claim_proposition();
  const auto state = store.claim_state();
  const auto source = store.claim_source();
  const std::size_t num_sources = store.num_outlets();
  // Which (source, labelled predicate) pairs have claims: one linear scan over the claims.
  std::vector<bool> has_matrix(num_sources * layout.num_labelled, false);
  layout.uses_accuracy.assign(num_sources, false);
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    if (state[c] == ClaimStore::kUnknownState) continue;
    const std::size_t labelled =
        layout.labelled_index[store.propositions()[proposition[c]].predicate];
    if (labelled == kNone) {
      layout.uses_accuracy[source[c]] = true;
    } else {
      has_matrix[source[c] * layout.num_labelled + labelled] = true;
    }
  }
  std::vector<std::size_t> predicate_of_labelled(layout.num_labelled);
  for (std::size_t g = 0; g < num_predicates; ++g) {
    if (layout.labelled_index[g] != kNone) predicate_of_labelled[layout.labelled_index[g]] = g;
  }
  layout.matrix_of.assign(num_sources * layout.num_labelled, kNone);
  layout.source_begin.push_back(0);
  for (std::size_t s = 0; s < num_sources; ++s) {
    for (std::size_t l = 0; l < layout.num_labelled; ++l) {
      if (!has_matrix[s * layout.num_labelled + l]) continue;
      const std::size_t k = layout.num_labels[predicate_of_labelled[l]];
      layout.matrix_of[s * layout.num_labelled + l] = layout.size;
      layout.matrix_offset.push_back(layout.size);
      layout.matrix_size.push_back(k);
      layout.size += k * k;
    }
    layout.source_begin.push_back(layout.matrix_offset.size());
  }
  layout.accuracy_offset = layout.size;
  layout.size += num_sources;
  return layout;
}

double Sum(const std::vector<double>& x) {
  double total = 0.0;
  for (double v : x) total += v;
  return total;
}

// part / total, floored at kCentreFloor (uniform-free: a cell nobody fills is near 0, not 0).
double Share(double part, double total) {
  return std::max(total > 0.0 ? part / total : 0.0, kCentreFloor);
}

class DawidSkene {
 public:
  DawidSkene(const ClaimStore& store, const SolverOptions& options)
      : store_(store),
        options_(options),
        layout_(MakeLayout(store)),
        theta_(layout_.size, 0.5),
        log_theta_(layout_.size, 0.0),
        counts_(layout_.size + store.num_outlets() + 1, 0.0),
        pseudo_(layout_.size, 0.0),
        reduce_(store.num_propositions(), counts_.size()) {}

  const std::vector<double>& theta() const { return theta_; }

  // Centres the priors on the population under the counts as they are (those of the start):
  // every matrix of predicate g gets m * J_g[k][l] pseudo-counts, J_g the joint share of
  // (true state k, label l) over all of g's claims; the class priors m * r_g[k], r_g the share
  // of state k; the one-coin accuracies m * A right and m * (1 - A) wrong, A the share of the
  // one-coin claims' weight on their own state. m = options.confusion_pseudo_count.
  void CentrePriors() {
    const double m = options_.confusion_pseudo_count;
    for (std::size_t g = 0; g < layout_.prior_offset.size(); ++g) {
      if (layout_.prior_offset[g] == kNone) continue;
      const std::size_t k = layout_.num_labels[g];
      const std::size_t prior = layout_.prior_offset[g];
      std::vector<double> joint(k * k, 0.0);
      for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
        const std::size_t offset = layout_.MatrixOf(s, static_cast<std::uint32_t>(g));
        if (offset == kNone) continue;
        for (std::size_t i = 0; i < k * k; ++i) joint[i] += counts_[offset + i];
      }
      const double joint_total = Sum(joint);
      double class_total = 0.0;
      for (std::size_t truth = 0; truth < k; ++truth) class_total += counts_[prior + truth];
      for (std::size_t truth = 0; truth < k; ++truth) {
        pseudo_[prior + truth] = m * Share(counts_[prior + truth], class_total);
      }
      for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
        const std::size_t offset = layout_.MatrixOf(s, static_cast<std::uint32_t>(g));
        if (offset == kNone) continue;
        for (std::size_t i = 0; i < k * k; ++i)
          pseudo_[offset + i] = m * Share(joint[i], joint_total);
      }
    }
    double right = 0.0;
    double total = 0.0;
    for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
      right += counts_[layout_.accuracy_offset + s];
      total += counts_[layout_.total_offset() + s];
    }
    const double accuracy =
        std::clamp(total > 0.0 ? right / total : 0.5, kCentreFloor, 1.0 - kCentreFloor);
    accuracy_right_pseudo_ = m * accuracy;
    accuracy_wrong_pseudo_ = m * (1.0 - accuracy);
  }

  // Counts of the M-step from the posteriors as they are (the start from vote shares).
  void CountFrom(StatePosteriors& posteriors) { Pass(posteriors, /*e_step=*/false); }

  // E-step with the current parameters, counting for the next M-step; returns the objective
  // (log posterior of the parameters).
  double EStep(StatePosteriors& posteriors) {
    Pass(posteriors, /*e_step=*/true);
    double log_prior = 0.0;
    for (std::size_t i = 0; i < layout_.accuracy_offset; ++i) {
      log_prior += pseudo_[i] * log_theta_[i];
    }
    for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
      if (!layout_.uses_accuracy[s]) continue;
      const double a = theta_[layout_.accuracy_offset + s];
      log_prior += accuracy_right_pseudo_ * std::log(a) + accuracy_wrong_pseudo_ * std::log1p(-a);
    }
    return counts_[layout_.objective_offset(store_.num_outlets())] + log_prior;
  }

  // Parameters from the counts; returns the largest parameter change.
  double MStep() {
    std::vector<double> next(layout_.size, 0.5);
    for (std::size_t m = 0; m < layout_.matrix_offset.size(); ++m) {
      const std::size_t k = layout_.matrix_size[m];
      const std::size_t offset = layout_.matrix_offset[m];
      for (std::size_t truth = 0; truth < k; ++truth) {
        double total = 0.0;
        for (std::size_t label = 0; label < k; ++label) {
          total += pseudo_[offset + label * k + truth] + counts_[offset + label * k + truth];
        }
        for (std::size_t label = 0; label < k; ++label) {
          next[offset + label * k + truth] =
              (pseudo_[offset + label * k + truth] + counts_[offset + label * k + truth]) / total;
        }
      }
    }
    for (std::size_t g = 0; g < layout_.prior_offset.size(); ++g) {
      if (layout_.prior_offset[g] == kNone) continue;
      const std::size_t offset = layout_.prior_offset[g];
      double total = 0.0;
      for (std::size_t k = 0; k < layout_.num_labels[g]; ++k) {
        total += pseudo_[offset + k] + counts_[offset + k];
      }
      for (std::size_t k = 0; k < layout_.num_labels[g]; ++k) {
        next[offset + k] = (pseudo_[offset + k] + counts_[offset + k]) / total;
      }
    }
    for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
      if (!layout_.uses_accuracy[s]) continue;
      next[layout_.accuracy_offset + s] =
          (accuracy_right_pseudo_ + counts_[layout_.accuracy_offset + s]) /
          (accuracy_right_pseudo_ + accuracy_wrong_pseudo_ + counts_[layout_.total_offset() + s]);
    }
    double change = 0.0;
    for (std::size_t i = 0; i < next.size(); ++i) {
      change = std::max(change, std::abs(next[i] - theta_[i]));
      log_theta_[i] = std::log(next[i]);
    }
    theta_ = std::move(next);
    return change;
  }

  // Normalised posterior of p leaving out `masked_group`; returns log Z.
  double Posterior(std::size_t p, std::uint32_t masked_group, std::span<double> out) const {
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    const std::size_t k = out.size();
    const std::uint32_t g = store_.propositions()[p].predicate;
    if (layout_.labelled_index[g] != kNone) {
      const std::size_t prior = layout_.prior_offset[g];
      for (std::size_t truth = 0; truth < k; ++truth) out[truth] = log_theta_[prior + truth];
      for (std::uint32_t c : store_.ClaimsOfProposition(p)) {
        if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
        const double* row = &log_theta_[layout_.MatrixOf(source[c], g) + state[c] * k];
        for (std::size_t truth = 0; truth < k; ++truth) out[truth] += weight[c] * row[truth];
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

  // Probability that s answers one of its claims correctly under the fitted parameters. The
  // accuracy of a claim depends only on its source and predicate; summing over the claims in
  // index order is the order of ClaimsOfSource, so the result does not depend on the scan.
  std::vector<double> Reliability() const {
    const auto proposition = store_.claim_proposition();
    const auto state = store_.claim_state();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    const std::size_t num_sources = store_.num_outlets();
    std::vector<double> matrix_accuracy(layout_.matrix_of.size(), 0.0);
    for (std::size_t g = 0; g < layout_.labelled_index.size(); ++g) {
      if (layout_.labelled_index[g] == kNone) continue;
      const std::size_t prior = layout_.prior_offset[g];
      const std::size_t k = layout_.num_labels[g];
      for (std::size_t s = 0; s < num_sources; ++s) {
        const std::size_t offset = layout_.MatrixOf(s, static_cast<std::uint32_t>(g));
        if (offset == kNone) continue;
        double accuracy = 0.0;
        for (std::size_t truth = 0; truth < k; ++truth) {
          accuracy += theta_[prior + truth] * theta_[offset + truth * k + truth];
        }
        matrix_accuracy[s * layout_.num_labelled + layout_.labelled_index[g]] = accuracy;
      }
    }
    std::vector<double> right(num_sources, 0.0);
    std::vector<double> total(num_sources, 0.0);
    for (std::size_t c = 0; c < store_.num_claims(); ++c) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      const std::size_t s = source[c];
      const std::size_t labelled =
          layout_.labelled_index[store_.propositions()[proposition[c]].predicate];
      const double accuracy = labelled == kNone
                                  ? theta_[layout_.accuracy_offset + s]
                                  : matrix_accuracy[s * layout_.num_labelled + labelled];
      right[s] += weight[c] * accuracy;
      total[s] += weight[c];
    }
    std::vector<double> reliability(num_sources);
    for (std::size_t s = 0; s < num_sources; ++s) {
      reliability[s] = total[s] > 0.0 ? std::clamp(right[s] / total[s], options_.probability_clamp,
                                                   1.0 - options_.probability_clamp)
                                      : PosteriorMeanReliability(options_, 0.0, 0.0);
    }
    return reliability;
  }

 private:
  // One item with a confusion matrix per source: the E-step (when asked) and its M-step counts.
  // kFixed is K when known at compile time, 0 for the runtime `runtime_k`.
  template <std::size_t kFixed>
  void LabelledItem(std::span<const std::uint32_t> claims, std::span<double> t,
                    std::size_t runtime_k, std::size_t prior, std::size_t labelled, bool e_step,
                    LogPartitionSum& log_z, std::span<double> partial) const {
    const std::size_t k = kFixed != 0 ? kFixed : runtime_k;
    const auto state = store_.claim_state();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    const std::size_t* matrix_of = layout_.matrix_of.data() + labelled;
    const std::size_t stride = layout_.num_labelled;
    double* posterior = t.data();
    if (e_step) {
      for (std::size_t truth = 0; truth < k; ++truth) posterior[truth] = log_theta_[prior + truth];
      for (std::uint32_t c : claims) {
        if (state[c] == ClaimStore::kUnknownState) continue;
        const double w = weight[c];
        const double* row = &log_theta_[matrix_of[source[c] * stride] + state[c] * k];
        for (std::size_t truth = 0; truth < k; ++truth) posterior[truth] += w * row[truth];
      }
      log_z.Normalize(t);
    }
    for (std::size_t truth = 0; truth < k; ++truth) partial[prior + truth] += posterior[truth];
    for (std::uint32_t c : claims) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      const double w = weight[c];
      double* row = &partial[matrix_of[source[c] * stride] + state[c] * k];
      for (std::size_t truth = 0; truth < k; ++truth) row[truth] += w * posterior[truth];
    }
  }

  // One pass over the propositions: optionally the E-step, then the counts for the M-step.
  void Pass(StatePosteriors& posteriors, bool e_step) {
    const auto state = store_.claim_state();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    const std::size_t num_sources = store_.num_outlets();
    const std::size_t accuracy = layout_.accuracy_offset;
    const std::size_t totals = layout_.total_offset();
    // One-coin terms per source: log a - log(1 - a) and log(1 - a).
    std::vector<double> log_odds(num_sources);
    std::vector<double> log_wrong(num_sources);
    for (std::size_t s = 0; s < num_sources; ++s) {
      log_wrong[s] = std::log1p(-theta_[accuracy + s]);
      log_odds[s] = log_theta_[accuracy + s] - log_wrong[s];
    }
    reduce_.Run(
        options_.num_threads,
        [&](std::size_t begin, std::size_t end, std::span<double> partial) {
          LogPartitionSum log_z;
          double common_sum = 0.0;
          for (std::size_t p = begin; p < end; ++p) {
            const std::span<double> t = posteriors.Of(p);
            const std::size_t k = t.size();
            const auto claims = store_.ClaimsOfProposition(p);
            const std::uint32_t g = store_.propositions()[p].predicate;
            const std::size_t labelled = layout_.labelled_index[g];
            if (labelled != kNone) {
              const std::size_t prior = layout_.prior_offset[g];
              // A fixed K lets the compiler unroll and vectorise the per-claim rows; the
              // arithmetic and its order are those of the general case.
              switch (k) {
                case 2:
                  LabelledItem<2>(claims, t, k, prior, labelled, e_step, log_z, partial);
                  break;
                case 3:
                  LabelledItem<3>(claims, t, k, prior, labelled, e_step, log_z, partial);
                  break;
                case 4:
                  LabelledItem<4>(claims, t, k, prior, labelled, e_step, log_z, partial);
                  break;
                case 5:
                  LabelledItem<5>(claims, t, k, prior, labelled, e_step, log_z, partial);
                  break;
                default:
                  LabelledItem<0>(claims, t, k, prior, labelled, e_step, log_z, partial);
                  break;
              }
              continue;
            }
            if (e_step) {
              const double log_alternatives =
                  std::log(static_cast<double>(std::max<std::size_t>(k - 1, 1)));
              std::fill(t.begin(), t.end(), 0.0);
              double common = -std::log(static_cast<double>(k));
              for (std::uint32_t c : claims) {
                if (state[c] == ClaimStore::kUnknownState) continue;
                const double w = weight[c];
                t[state[c]] += w * (log_odds[source[c]] + log_alternatives);
                common += w * (log_wrong[source[c]] - log_alternatives);
              }
              common_sum += common;
              log_z.Normalize(t);
            }
            for (std::uint32_t c : claims) {
              if (state[c] == ClaimStore::kUnknownState) continue;
              const double w = weight[c];
              partial[accuracy + source[c]] += w * t[state[c]];
              partial[totals + source[c]] += w;
            }
          }
          partial[layout_.objective_offset(num_sources)] =
              e_step ? common_sum + log_z.Total() : 0.0;
        },
        counts_);
  }

  const ClaimStore& store_;
  const SolverOptions& options_;
  Layout layout_;
  std::vector<double> theta_;
  std::vector<double> log_theta_;
  std::vector<double> counts_;
  std::vector<double> pseudo_;  // prior pseudo-counts of the class priors and matrices
  double accuracy_right_pseudo_ = 0.0;
  double accuracy_wrong_pseudo_ = 0.0;
  ChunkedReduce reduce_;
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
    MajorityVoteStart(store, options.num_threads, &posteriors);
    DawidSkene model(store, options);
    model.CountFrom(posteriors);
    model.CentrePriors();
    model.MStep();
    RunEm(
        options, [&] { return model.EStep(posteriors); }, [&] { return model.MStep(); }, &summary);

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

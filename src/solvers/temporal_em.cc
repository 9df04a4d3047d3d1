// The flagship model: temporal, attribution-aware EM.
//
// Truth. Each proposition p has K candidate states (ClaimStore::PropositionInfo). Its true state
// X_p(t) is piecewise constant in time: a continuous-time chain that, at rate lambda_p per day,
// jumps to a state drawn uniformly (possibly the same one), so that between two claim times
// Delta days apart
//     P(X(t + Delta) = x | X(t) = y) = e^{-lambda Delta} [x = y] + (1 - e^{-lambda Delta}) / K,
// with lambda_p = change_rate / 365.2425 for mutable predicates and 0 for static ones (a single
// state for all time), and a uniform prior over the first state.
//
// Claims. A claim c relaying content source s (the last entry of its `via`, else its publisher)
// with state v_c is the one-coin observation of Dawid and Skene (1979) as used by the ACCU model
// (Dong, Berti-Equille and Srivastava, VLDB 2009):
//     P(v_c | X(t_c) = x) = a_s if x = v_c, else (1 - a_s) / (K - 1),
// raised to the power w_c = confidence_c / |evidence group of c|, so that k relayed copies of one
// report weigh as one claim and a softened headline weighs less.
//
// E-step. Per proposition, forward-backward over the time-ordered claims in log space
// (Rabiner 1989) gives gamma_t(x) and P(c true) = gamma_{t_c}(v_c). The uniform-jump transition
// makes each step O(K) instead of O(K^2).
// M-step. With a Beta(alpha, beta) prior on each a_s (MAP of Beta(alpha + 1, beta + 1)):
//     a_s <- (alpha + sum_c w_c P(c true)) / (alpha + beta + sum_c w_c)
// over the claims whose content source is s. Relaying publishers are judged on faithful relay
// and get no content evidence. EM never decreases the objective
//     sum_p log Z_p(a) + sum_s [alpha log a_s + beta log(1 - a_s)],
// whose trace the summary reports. Iterate until max_s |Delta a_s| < tolerance.
// Timeline. Viterbi decoding (ties prefer staying, then the lower state) gives the segments;
// a segment's probability is the mean posterior of its state over its claim times.
// Speed. A proposition that cannot change between its claims (static predicate, or one claim
// day) skips forward-backward: its posterior is the normalised product of its claims'
// likelihoods, computed with one add per claim. Each iteration is one pass over the
// propositions that also accumulates the M-step's sums over fixed chunks (deterministic for any
// number of threads).
// docs/model.md derives these rules.
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "credence/solver.h"
#include "solvers/crowd_common.h"
#include "solvers/registry.h"
#include "solvers/solver_common.h"
#include "util/chunked_reduce.h"

namespace credence::internal {
namespace {

constexpr double kDaysPerYear = 365.2425;
constexpr std::uint32_t kNoGroup = ClaimStore::kUnknownState;

// The time steps of one proposition: claims sharing an as_of day share a step.
struct PropositionModel {
  int num_states = 0;
  double hazard_per_day = 0.0;
  std::vector<std::uint32_t> step_offsets;  // positions in ClaimsOfProposition(p), size T + 1
  std::vector<std::int32_t> step_day;

  int num_steps() const { return static_cast<int>(step_day.size()); }
};

// Fills `model` for p, reusing its buffers.
void MakeModel(const ClaimStore& store, std::size_t p, const SolverOptions& options,
               PropositionModel* model) {
  model->num_states = static_cast<int>(store.propositions()[p].num_states());
  const PredicateRecord& predicate = store.PredicateOf(p);
  model->hazard_per_day =
      predicate.is_mutable
          ? predicate.change_rate_per_year.value_or(options.change_rate_per_year) / kDaysPerYear
          : 0.0;
  model->step_offsets.clear();
  model->step_day.clear();
  const auto claims = store.ClaimsOfProposition(p);
  const auto day = store.claim_day();
  for (std::size_t i = 0; i < claims.size(); ++i) {
    if (i == 0 || day[claims[i]] != model->step_day.back()) {
      model->step_offsets.push_back(static_cast<std::uint32_t>(i));
      model->step_day.push_back(day[claims[i]]);
    }
  }
  model->step_offsets.push_back(static_cast<std::uint32_t>(claims.size()));
}

// Per-source log a_s and log(1 - a_s), refreshed once per iteration.
struct SourceLogs {
  std::vector<double> log_true;
  std::vector<double> log_false;
};

SourceLogs MakeSourceLogs(const std::vector<double>& reliability) {
  SourceLogs logs;
  logs.log_true.resize(reliability.size());
  logs.log_false.resize(reliability.size());
  for (std::size_t s = 0; s < reliability.size(); ++s) {
    logs.log_true[s] = std::log(reliability[s]);
    logs.log_false[s] = std::log1p(-reliability[s]);
  }
  return logs;
}

double LogSumExp(const Eigen::Ref<const Eigen::ArrayXd>& x) {
  const double m = x.maxCoeff();
  if (!std::isfinite(m)) return m;
  return m + std::log((x - m).exp().sum());
}

// A proposition whose state cannot change between its claims (a static predicate, or one claim
// day) has one posterior for all its claims: the product of its claims' likelihoods, as in
// one-coin Dawid-Skene. Writes it to `posterior` (K entries) and returns log Z.
double StaticPosterior(const ClaimStore& store, std::size_t p, const SourceLogs& logs,
                       std::uint32_t masked_group, std::span<double> posterior) {
  const auto state = store.claim_state();
  const auto group = store.claim_group();
  const auto source = store.claim_source();
  const auto weight = store.claim_weight();
  const std::size_t k = posterior.size();
  const double log_alternatives = std::log(static_cast<double>(std::max<std::size_t>(k, 2) - 1));
  // The wrong-answer term is common to every state: kept apart, it costs one add per claim.
  std::fill(posterior.begin(), posterior.end(), 0.0);
  double common = -std::log(static_cast<double>(k));
  for (std::uint32_t c : store.ClaimsOfProposition(p)) {
    if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
    const double w = weight[c];
    const double log_false = logs.log_false[source[c]] - log_alternatives;
    posterior[state[c]] += w * (logs.log_true[source[c]] - log_false);
    common += w * log_false;
  }
  return common + NormalizeLogs(posterior);
}

// Buffers of one proposition pass, reused across propositions by one thread.
class Workspace {
 public:
  void Resize(int states, int steps) {
    const std::size_t n = static_cast<std::size_t>(states) * static_cast<std::size_t>(steps);
    for (auto* buffer : {&emission_, &forward_, &backward_, &posterior_}) {
      if (buffer->size() < n) buffer->resize(n);
    }
    states_ = states;
    steps_ = steps;
  }
  using Matrix = Eigen::Map<Eigen::ArrayXXd>;  // states x steps, column-major
  Matrix emission() { return {emission_.data(), states_, steps_}; }
  Matrix forward() { return {forward_.data(), states_, steps_}; }
  Matrix backward() { return {backward_.data(), states_, steps_}; }
  Matrix posterior() { return {posterior_.data(), states_, steps_}; }

 private:
  std::vector<double> emission_, forward_, backward_, posterior_;
  int states_ = 0;
  int steps_ = 0;
};

class PropositionPass {
 public:
  PropositionPass(const ClaimStore& store, std::size_t p, const PropositionModel& model,
                  const SourceLogs& logs, Workspace* workspace)
      : store_(store),
        claims_(store.ClaimsOfProposition(p)),
        model_(model),
        logs_(logs),
        ws_(*workspace) {
    ws_.Resize(model.num_states, model.num_steps());
  }

  // Fills the emission log-likelihoods, leaving out the claims of `masked_group`.
  void ComputeEmissions(std::uint32_t masked_group) {
    auto emission = ws_.emission();
    emission.setZero();
    const double log_alternatives = std::log(std::max(model_.num_states - 1, 1));
    const auto state = store_.claim_state();
    const auto group = store_.claim_group();
    const auto source = store_.claim_source();
    const auto weight = store_.claim_weight();
    for (int t = 0; t < model_.num_steps(); ++t) {
      for (std::uint32_t i = model_.step_offsets[t]; i < model_.step_offsets[t + 1]; ++i) {
        const std::uint32_t c = claims_[i];
        if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
        const double log_true = logs_.log_true[source[c]];
        const double log_false = logs_.log_false[source[c]] - log_alternatives;
        emission.col(t) += weight[c] * log_false;
        emission(state[c], t) += weight[c] * (log_true - log_false);
      }
    }
  }

  // Forward-backward; returns log Z and leaves the posterior marginals in the workspace.
  double ForwardBackward() {
    auto emission = ws_.emission();
    auto forward = ws_.forward();
    auto backward = ws_.backward();
    auto posterior = ws_.posterior();
    const int steps = model_.num_steps();
    const double log_k = std::log(static_cast<double>(model_.num_states));
    forward.col(0) = emission.col(0) - log_k;
    for (int t = 1; t < steps; ++t) {
      const auto [stay, jump] = Transition(t);
      if (jump == 0.0) {
        forward.col(t) = forward.col(t - 1) + emission.col(t);
      } else {
        const double m = forward.col(t - 1).maxCoeff();
        const Eigen::ArrayXd scaled = (forward.col(t - 1) - m).exp();
        forward.col(t) = m + (stay * scaled + jump * scaled.sum()).log() + emission.col(t);
      }
    }
    const double log_z = LogSumExp(forward.col(steps - 1));
    backward.col(steps - 1).setZero();
    for (int t = steps - 2; t >= 0; --t) {
      const auto [stay, jump] = Transition(t + 1);
      const Eigen::ArrayXd next = emission.col(t + 1) + backward.col(t + 1);
      if (jump == 0.0) {
        backward.col(t) = next;
      } else {
        const double m = next.maxCoeff();
        const Eigen::ArrayXd scaled = (next - m).exp();
        backward.col(t) = m + (stay * scaled + jump * scaled.sum()).log();
      }
    }
    posterior = (forward + backward - log_z).exp();
    return log_z;
  }

  // P(claim true) for every position of the proposition (NaN for unscorable claims).
  void ClaimProbabilities(std::vector<double>* out) {
    auto posterior = ws_.posterior();
    const auto state = store_.claim_state();
    out->assign(claims_.size(), std::nan(""));
    for (int t = 0; t < model_.num_steps(); ++t) {
      for (std::uint32_t i = model_.step_offsets[t]; i < model_.step_offsets[t + 1]; ++i) {
        const std::uint32_t s = state[claims_[i]];
        if (s != ClaimStore::kUnknownState) (*out)[i] = std::clamp(posterior(s, t), 0.0, 1.0);
      }
    }
  }

  // Viterbi path over the steps, as segments over claim positions. Needs ComputeEmissions and
  // ForwardBackward (for the segment probabilities).
  std::vector<StateSegment> DecodeTimeline() {
    auto emission = ws_.emission();
    auto posterior = ws_.posterior();
    const int states = model_.num_states;
    const int steps = model_.num_steps();
    Eigen::ArrayXXd score(states, steps);
    Eigen::ArrayXXi from(states, steps);
    score.col(0) = emission.col(0);
    for (int t = 1; t < steps; ++t) {
      const auto [stay, jump] = Transition(t);
      const double log_self = std::log(stay + jump);
      const double log_jump =
          jump > 0.0 ? std::log(jump) : -std::numeric_limits<double>::infinity();
      int best = 0;
      int second = -1;
      for (int x = 1; x < states; ++x) {
        if (score(x, t - 1) > score(best, t - 1)) {
          second = best;
          best = x;
        } else if (second < 0 || score(x, t - 1) > score(second, t - 1)) {
          second = x;
        }
      }
      for (int x = 0; x < states; ++x) {
        const int other = x == best ? second : best;
        const double self_score = score(x, t - 1) + log_self;
        if (other >= 0 && score(other, t - 1) + log_jump > self_score) {
          score(x, t) = score(other, t - 1) + log_jump;
          from(x, t) = other;
        } else {
          score(x, t) = self_score;
          from(x, t) = x;
        }
        score(x, t) += emission(x, t);
      }
    }
    std::vector<int> path(steps);
    Eigen::Index last = 0;
    score.col(steps - 1).maxCoeff(&last);  // first maximum: the lower state wins ties
    path[steps - 1] = static_cast<int>(last);
    for (int t = steps - 1; t > 0; --t) path[t - 1] = from(path[t], t);

    std::vector<StateSegment> segments;
    for (int t = 0; t < steps; ++t) {
      const std::uint32_t state = static_cast<std::uint32_t>(path[t]);
      if (segments.empty() || segments.back().state != state) {
        segments.push_back({state, model_.step_offsets[t], 0, 0.0});
        segment_first_step_.push_back(t);
      }
      segments.back().last_step = model_.step_offsets[t + 1] - 1;
      segments.back().probability += posterior(path[t], t);
    }
    for (std::size_t k = 0; k < segments.size(); ++k) {
      const int end = k + 1 < segments.size() ? segment_first_step_[k + 1] : steps;
      segments[k].probability /= static_cast<double>(end - segment_first_step_[k]);
    }
    return segments;
  }

 private:
  // (stay, jump) of the transition from step t - 1 to step t.
  std::pair<double, double> Transition(int t) const {
    if (model_.hazard_per_day == 0.0) return {1.0, 0.0};
    const double gap = static_cast<double>(model_.step_day[t] - model_.step_day[t - 1]);
    const double stay = std::exp(-model_.hazard_per_day * gap);
    return {stay, (1.0 - stay) / static_cast<double>(model_.num_states)};
  }

  const ClaimStore& store_;
  std::span<const std::uint32_t> claims_;
  const PropositionModel& model_;
  const SourceLogs& logs_;
  Workspace& ws_;
  std::vector<int> segment_first_step_;
};

class TemporalEmSolver final : public Solver {
 public:
  std::string_view Name() const override { return "temporal-em"; }

  Solution Solve(const ClaimStore& store, const SolverOptions& options) const override {
    const auto start = std::chrono::steady_clock::now();
    Solution solution;
    SolverSummary& summary = solution.summary;
    summary.algorithm = std::string(Name());
    if (store.num_claims() == 0) {
      summary.termination = TerminationType::kUserFailure;
      summary.message = "there are no claims to score";
      return solution;
    }
    const std::size_t num_propositions = store.num_propositions();
    const std::size_t num_sources = store.num_outlets();
    const double prior_mean = options.prior_alpha / (options.prior_alpha + options.prior_beta);
    solution.reliability.assign(num_sources, prior_mean);
    solution.claim_probability.assign(store.num_claims(), std::nan(""));
    // Per source: sum of w * P(c true), then sum of w; then the sum of log Z.
    std::vector<double> sums(2 * num_sources + 1);
    ChunkedReduce reduce(num_propositions, sums.size());
    const auto state = store.claim_state();
    const auto source = store.claim_source();
    const auto weight = store.claim_weight();

    // One pass: posteriors, claim probabilities and the M-step's sums (and, when decoding, the
    // timelines), over fixed chunks of propositions so that the sums are thread-independent.
    const auto e_step = [&](bool decode) {
      const SourceLogs logs = MakeSourceLogs(solution.reliability);
      if (decode) solution.timelines.assign(num_propositions, {});
      reduce.Run(
          options.num_threads,
          [&](std::size_t begin, std::size_t end, std::span<double> partial) {
            Workspace workspace;
            PropositionModel model;
            std::vector<double> posterior;
            std::vector<double> probabilities;
            for (std::size_t p = begin; p < end; ++p) {
              MakeModel(store, p, options, &model);
              const auto claims = store.ClaimsOfProposition(p);
              if (model.hazard_per_day == 0.0 || model.num_steps() == 1) {
                posterior.resize(static_cast<std::size_t>(model.num_states));
                partial[2 * num_sources] += StaticPosterior(store, p, logs, kNoGroup, posterior);
                for (std::uint32_t c : claims) {
                  if (state[c] == ClaimStore::kUnknownState) continue;
                  const double probability = std::clamp(posterior[state[c]], 0.0, 1.0);
                  solution.claim_probability[c] = probability;
                  partial[source[c]] += weight[c] * probability;
                  partial[num_sources + source[c]] += weight[c];
                }
                if (decode) {
                  const auto best = static_cast<std::uint32_t>(
                      std::max_element(posterior.begin(), posterior.end()) - posterior.begin());
                  solution.timelines[p] = {
                      {best, 0, static_cast<std::uint32_t>(claims.size() - 1), posterior[best]}};
                }
                continue;
              }
              PropositionPass pass(store, p, model, logs, &workspace);
              pass.ComputeEmissions(kNoGroup);
              partial[2 * num_sources] += pass.ForwardBackward();
              pass.ClaimProbabilities(&probabilities);
              for (std::size_t i = 0; i < claims.size(); ++i) {
                const std::uint32_t c = claims[i];
                solution.claim_probability[c] = probabilities[i];
                if (state[c] == ClaimStore::kUnknownState) continue;
                partial[source[c]] += weight[c] * probabilities[i];
                partial[num_sources + source[c]] += weight[c];
              }
              if (decode) solution.timelines[p] = pass.DecodeTimeline();
            }
          },
          sums);
      double objective = sums[2 * num_sources];
      for (std::size_t s = 0; s < num_sources; ++s) {
        objective += options.prior_alpha * std::log(solution.reliability[s]) +
                     options.prior_beta * std::log1p(-solution.reliability[s]);
      }
      summary.log_likelihood.push_back(objective);
    };

    summary.termination = TerminationType::kNoConvergence;
    for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
      e_step(false);
      double change = 0.0;
      for (std::size_t s = 0; s < num_sources; ++s) {
        const double updated = PosteriorMeanReliability(options, sums[s], sums[num_sources + s]);
        change = std::max(change, std::abs(updated - solution.reliability[s]));
        solution.reliability[s] = updated;
      }
      summary.iterations = iteration;
      summary.final_change = change;
      if (change < options.tolerance) {
        summary.termination = TerminationType::kConvergence;
        break;
      }
    }
    // Probabilities, timelines and evidence consistent with the reported reliabilities.
    e_step(true);
    AccumulateSourceEvidence(store, solution.claim_probability, &solution.true_weight,
                             &solution.total_weight);
    summary.message = summary.IsConverged() ? "largest reliability change below tolerance"
                                            : "iteration cap reached";

    const SourceLogs logs = MakeSourceLogs(solution.reliability);
    ComputeInfluences(
        store, options,
        [&](std::size_t p, std::uint32_t group, std::vector<double>* out) {
          PropositionModel model;
          MakeModel(store, p, options, &model);
          if (model.hazard_per_day == 0.0 || model.num_steps() == 1) {
            std::vector<double> posterior(static_cast<std::size_t>(model.num_states));
            StaticPosterior(store, p, logs, group, posterior);
            const auto claims = store.ClaimsOfProposition(p);
            out->assign(claims.size(), std::nan(""));
            for (std::size_t i = 0; i < claims.size(); ++i) {
              const std::uint32_t s = state[claims[i]];
              if (s != ClaimStore::kUnknownState) (*out)[i] = std::clamp(posterior[s], 0.0, 1.0);
            }
            return;
          }
          Workspace workspace;
          PropositionPass pass(store, p, model, logs, &workspace);
          pass.ComputeEmissions(group);
          pass.ForwardBackward();
          pass.ClaimProbabilities(out);
        },
        &solution);
    summary.solve_seconds = SecondsSince(start);
    return solution;
  }
};

}  // namespace

std::unique_ptr<Solver> MakeTemporalEmSolver() { return std::make_unique<TemporalEmSolver>(); }

}  // namespace credence::internal

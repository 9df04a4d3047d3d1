// The flagship model: temporal, attribution-aware EM.
//
// Truth. Each proposition p has K candidate states (ClaimStore::PropositionInfo). Its true state
// X_p(t) is piecewise constant in time: a continuous-time chain that leaves its state at rate
// lambda (changes per day, learned per predicate) for one of the K - 1 *other* states, chosen
// uniformly. Its generator is Q = mu (U - I) with U the uniform K x K matrix (every entry 1/K) and
// mu = lambda K / (K - 1); as U is idempotent,
//     P(Delta) = exp(Q Delta) = c I + (1 - c) U,   c = exp(-mu Delta),
// so a switch over Delta days has probability (1 - c)(K - 1)/K, and lambda is what docs say it
// is: the expected number of changes a year is 365.2425 lambda. Every step is O(K).
// Dated changes. A claim that says when its value began (`since`) or ended (`until`) reports a
// change within that period: the period adds an expected `dated_change_count` changes to the
// hazard, spread evenly over its days, so "joined on 10 November" makes a change on that day as
// likely a priori as one in a year of ordinary time. Integrated hazards add, so a transition is
// still c I + (1 - c) U with c = exp(-(K / (K - 1)) (lambda Delta + dated mass in the interval)).
//
// The two-report case, worked by hand (the reason a jump must go to a *different* state): a
// boolean proposition, one report "false" at t0 and one "true" at t1, sources of accuracy a,
// switch probability s over the gap. The four paths (X0, X1) weigh
//     (F, F): (1 - s) a (1 - a) / 2     (T, T): (1 - s) (1 - a) a / 2
//     (F, T): s a a / 2                 (T, F): s (1 - a) (1 - a) / 2
// so the change (F, T) is the most probable path exactly when s a^2 > (1 - s) a (1 - a), i.e.
// s / (1 - s) > (1 - a) / a. At a = 0.8 that needs s > 0.2; seven months at one change a year
// give s = (1 - e^{-2 x 0.583}) / 2 = 0.34 here, but only 0.22 when a quarter of the jumps
// "change" to the same state.
//
// Claims. A claim c relaying content source s (the last entry of its `via`, else its publisher)
// with state v_c is the one-coin observation of Dawid and Skene (1979) as used by the ACCU model
// (Dong, Berti-Equille and Srivastava, VLDB 2009):
//     P(v_c | X(t_c) = x) = a_s if x = v_c, else (1 - a_s) / (K - 1),
// raised to the power w_c = confidence_c / |evidence group of c|, so that k relayed copies of one
// report weigh as one claim and a softened headline weighs less. A dated change adds a second
// observation of the same source: "not v_c" on the day before `since` (and on the last day of
// `until`), with P = a_s if X != v_c, else 1 - a_s.
//
// E-step. Per proposition, forward-backward over the time steps (the claims' days and the days
// their change dates name) in log space (Rabiner 1989) gives gamma_t(x), P(c true) =
// gamma_{t_c}(v_c), and the expected number of changes in each transition, which for a
// uniform-target chain has the closed form (integrate the jump density over the interval)
//     E[N | X_{t-1} = x, X_t = y] = (Lambda / (K - 1)) (1 - P_xy) / P_xy,
// Lambda the interval's integrated hazard, so that summed over the pairwise posterior
//     E[N_t] = (Lambda / (K - 1)) (sum_x alpha_{t-1}(x) sum_y e_t(y) beta_t(y) / Z - 1),
// of which the share lambda Delta / Lambda is ordinary time.
// M-step. With a Beta(alpha, beta) prior on each a_s and a Gamma prior on each predicate's rate
// (mean r = its declared `change_rate`, else change_rate_per_year; weight: change_rate_prior_years
// years of exposure, s days), the MAP updates are
//     a_s <- (alpha + sum_c w_c P(c's observations true)) / (alpha + beta + sum_c w_c)
//     lambda <- (r s + sum_t E[N_t, ordinary]) / (s + sum_t Delta_t)
// over the observations whose content source is s and the transitions of the predicate's
// propositions. Relaying publishers are judged on faithful relay and get no content evidence. EM
// never decreases the objective
//     sum_p log Z_p + sum_s [alpha log a_s + beta log(1 - a_s)] + sum_q [r s log lambda_q - s
//     lambda_q]
// whose trace the summary reports. Iterate until neither a reliability nor a rate (per year)
// moves by more than the tolerance. Reliabilities start from each source's agreement with the
// weighted majority vote of its propositions, so that equal priors never start at the symmetric
// fixed point a = 1/2.
// Timeline. The state of each claim step is its posterior mode (ties keep the previous state, then
// the lower one), so timelines, segment probabilities and claim probabilities come from the same
// posterior. A change between segments is reported with the probability that the old state held
// at the last claim of the old segment and the new one at the first claim of the new segment, that
// probability given the old state, and the posterior of its day: the probability of leaving the old
// state in each interval, spread over the interval's days in proportion to the hazard.
// Speed. A proposition that cannot change between its observations (an immutable predicate, or one
// day) skips forward-backward: its posterior is the normalised product of its claims'
// likelihoods. Each iteration is one pass over the propositions that also accumulates the M-step's
// sums over fixed chunks (deterministic for any number of threads).
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
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// One observation of a claim: its value on its own day, or "not its value" on a day its change
// dates name.
struct Observation {
  std::uint32_t claim = 0;
  bool negated = false;
};

// The time steps of one proposition: the days of its claims and of the change dates they give.
struct PropositionModel {
  int num_states = 0;
  bool can_change = false;
  double rate_per_day = 0.0;  // lambda of the predicate
  double dated_mass = 0.0;    // expected changes a dated period adds
  std::vector<std::int32_t> step_day;
  // Claims of ClaimsOfProposition(p) at step t: positions [claim_offsets[t], claim_offsets[t+1]).
  std::vector<std::uint32_t> claim_offsets;
  // Negated observations at step t: negations[negation_offsets[t] .. negation_offsets[t+1]).
  std::vector<std::uint32_t> negation_offsets;
  std::vector<std::uint32_t> negations;  // claim ids
  std::vector<DayPeriod> periods;        // distinct dated periods, sorted

  int num_steps() const { return static_cast<int>(step_day.size()); }
  bool IsStatic() const { return !can_change || num_steps() == 1 || num_states < 2; }
  // Integrated hazard of the interval (step_day[t - 1], step_day[t]]: ordinary and dated parts.
  std::pair<double, double> Hazard(int t) const {
    const std::int32_t from = step_day[t - 1];
    const std::int32_t to = step_day[t];
    double dated = 0.0;
    for (const DayPeriod& period : periods) {
      const std::int32_t overlap = std::min(to, period.last) - std::max(from + 1, period.first) + 1;
      if (overlap > 0) {
        dated += dated_mass * overlap / static_cast<double>(period.last - period.first + 1);
      }
    }
    return {rate_per_day * static_cast<double>(to - from), dated};
  }
};

// Fills `model` for p, reusing its buffers.
void MakeModel(const ClaimStore& store, std::size_t p, const SolverOptions& options,
               std::span<const double> rate_per_day, PropositionModel* model) {
  const PropositionInfo& info = store.propositions()[p];
  model->num_states = static_cast<int>(info.num_states());
  model->can_change = store.PredicateOf(p).CanChange();
  model->rate_per_day = model->can_change ? rate_per_day[info.predicate] : 0.0;
  model->dated_mass = options.dated_change_count;
  model->step_day.clear();
  model->claim_offsets.clear();
  model->negation_offsets.clear();
  model->negations.clear();
  model->periods.clear();
  const auto claims = store.ClaimsOfProposition(p);
  const auto day = store.claim_day();
  // Negated observations, by day.
  std::vector<std::pair<std::int32_t, std::uint32_t>> dated;
  if (store.has_change_dates() && model->can_change) {
    const auto state = store.claim_state();
    for (std::uint32_t c : claims) {
      if (state[c] == ClaimStore::kUnknownState) continue;
      const ChangeDates dates = store.change_dates(c);
      if (dates.since) {
        // The change came before the claim was made: within the period, up to the claim's day.
        dated.emplace_back(dates.since->first - 1, c);
        model->periods.push_back({dates.since->first, std::min(dates.since->last, day[c])});
      }
      if (dates.until) {
        dated.emplace_back(dates.until->last, c);
        model->periods.push_back(*dates.until);
      }
    }
    std::sort(dated.begin(), dated.end());
    std::sort(model->periods.begin(), model->periods.end(), [](DayPeriod a, DayPeriod b) {
      return a.first != b.first ? a.first < b.first : a.last < b.last;
    });
    model->periods.erase(std::unique(model->periods.begin(), model->periods.end()),
                         model->periods.end());
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < claims.size() || j < dated.size()) {
    const std::int32_t next =
        std::min(i < claims.size() ? day[claims[i]] : std::numeric_limits<std::int32_t>::max(),
                 j < dated.size() ? dated[j].first : std::numeric_limits<std::int32_t>::max());
    model->step_day.push_back(next);
    model->claim_offsets.push_back(static_cast<std::uint32_t>(i));
    model->negation_offsets.push_back(static_cast<std::uint32_t>(model->negations.size()));
    while (i < claims.size() && day[claims[i]] == next) ++i;
    while (j < dated.size() && dated[j].first == next)
      model->negations.push_back(dated[j++].second);
  }
  model->claim_offsets.push_back(static_cast<std::uint32_t>(claims.size()));
  model->negation_offsets.push_back(static_cast<std::uint32_t>(model->negations.size()));
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

// A proposition whose state cannot change between its claims has one posterior for all its
// claims: the product of its claims' likelihoods, as in one-coin Dawid-Skene. Writes it to
// `posterior` (K entries) and returns log Z.
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

// Applies the transition c I + (1 - c) U to a log-domain vector: out = log(P^T exp(in)).
Eigen::ArrayXd Propagate(const Eigen::Ref<const Eigen::ArrayXd>& in, double c) {
  const double m = in.maxCoeff();
  if (!std::isfinite(m)) return in;
  const Eigen::ArrayXd scaled = (in - m).exp();
  const double spread = (1.0 - c) / static_cast<double>(in.size()) * scaled.sum();
  return m + (c * scaled + spread).max(0.0).log();
}

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
      for (std::uint32_t i = model_.claim_offsets[t]; i < model_.claim_offsets[t + 1]; ++i) {
        const std::uint32_t c = claims_[i];
        if (state[c] == ClaimStore::kUnknownState || group[c] == masked_group) continue;
        const double log_true = logs_.log_true[source[c]];
        const double log_false = logs_.log_false[source[c]] - log_alternatives;
        emission.col(t) += weight[c] * log_false;
        emission(state[c], t) += weight[c] * (log_true - log_false);
      }
      for (std::uint32_t k = model_.negation_offsets[t]; k < model_.negation_offsets[t + 1]; ++k) {
        const std::uint32_t c = model_.negations[k];
        if (group[c] == masked_group) continue;
        emission.col(t) += weight[c] * logs_.log_true[source[c]];
        emission(state[c], t) +=
            weight[c] * (logs_.log_false[source[c]] - logs_.log_true[source[c]]);
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
      forward.col(t) = Propagate(forward.col(t - 1), Stay(t)) + emission.col(t);
    }
    const double log_z = LogSumExp(forward.col(steps - 1));
    backward.col(steps - 1).setZero();
    for (int t = steps - 2; t >= 0; --t) {
      backward.col(t) = Propagate(emission.col(t + 1) + backward.col(t + 1), Stay(t + 1));
    }
    posterior = (forward + backward - log_z).exp();
    log_z_ = log_z;
    return log_z;
  }

  // Expected number of changes in ordinary time, summed over the transitions, and the exposure.
  std::pair<double, double> ExpectedChanges() {
    auto emission = ws_.emission();
    auto forward = ws_.forward();
    auto backward = ws_.backward();
    double changes = 0.0;
    double exposure = 0.0;
    const double alternatives = static_cast<double>(model_.num_states - 1);
    for (int t = 1; t < model_.num_steps(); ++t) {
      const auto [ordinary, dated] = model_.Hazard(t);
      exposure += static_cast<double>(model_.step_day[t] - model_.step_day[t - 1]);
      if (ordinary + dated <= 0.0) continue;
      const double ratio = std::exp(LogSumExp(forward.col(t - 1)) +
                                    LogSumExp(emission.col(t) + backward.col(t)) - log_z_) -
                           1.0;
      changes += ordinary / alternatives * std::max(ratio, 0.0);
    }
    return {changes, exposure};
  }

  // P(c true) per claim position (NaN for unscorable claims).
  void ClaimProbabilities(std::vector<double>* out) {
    auto posterior = ws_.posterior();
    const auto state = store_.claim_state();
    out->assign(claims_.size(), std::nan(""));
    for (int t = 0; t < model_.num_steps(); ++t) {
      for (std::uint32_t i = model_.claim_offsets[t]; i < model_.claim_offsets[t + 1]; ++i) {
        const std::uint32_t s = state[claims_[i]];
        if (s != ClaimStore::kUnknownState) (*out)[i] = std::clamp(posterior(s, t), 0.0, 1.0);
      }
    }
  }

  // Calls add(claim, P(right)) for every negated observation ("not v" on a day its change dates
  // name), for the M-step.
  template <typename Add>
  void ForEachNegation(const Add& add) {
    auto posterior = ws_.posterior();
    const auto state = store_.claim_state();
    for (int t = 0; t < model_.num_steps(); ++t) {
      for (std::uint32_t k = model_.negation_offsets[t]; k < model_.negation_offsets[t + 1]; ++k) {
        const std::uint32_t c = model_.negations[k];
        add(c, std::clamp(1.0 - posterior(state[c], t), 0.0, 1.0));
      }
    }
  }

  // Posterior-mode timeline over the claim steps, as segments over claim positions, and the
  // change between each pair of consecutive segments. Needs ForwardBackward.
  void DecodeTimeline(std::vector<StateSegment>* segments, std::vector<ChangeEstimate>* changes) {
    auto posterior = ws_.posterior();
    segments->clear();
    changes->clear();
    std::vector<int> segment_steps;  // claim steps of the current segment
    int previous_step = -1;
    for (int t = 0; t < model_.num_steps(); ++t) {
      if (model_.claim_offsets[t] == model_.claim_offsets[t + 1]) continue;  // no claim here
      std::uint32_t mode = 0;
      for (int x = 1; x < model_.num_states; ++x) {
        if (posterior(x, t) > posterior(static_cast<Eigen::Index>(mode), t)) mode = x;
      }
      if (!segments->empty() &&
          posterior(segments->back().state, t) >= posterior(static_cast<Eigen::Index>(mode), t)) {
        mode = segments->back().state;  // ties keep the state
      }
      if (segments->empty() || segments->back().state != mode) {
        if (!segments->empty()) {
          FinishSegment(segment_steps, &segments->back());
          changes->push_back(EstimateChange(previous_step, t, segments->back().state, mode));
        }
        segments->push_back({mode, model_.claim_offsets[t], 0, 0.0});
        segment_steps.clear();
      }
      segments->back().last_step = model_.claim_offsets[t + 1] - 1;
      segment_steps.push_back(t);
      previous_step = t;
    }
    FinishSegment(segment_steps, &segments->back());
  }

 private:
  void FinishSegment(const std::vector<int>& steps, StateSegment* segment) {
    auto posterior = ws_.posterior();
    double sum = 0.0;
    for (int t : steps) sum += posterior(segment->state, t);
    segment->probability = sum / static_cast<double>(steps.size());
  }

  // The change from state `from` at step a to state `to` at step b > a.
  ChangeEstimate EstimateChange(int a, int b, std::uint32_t from, std::uint32_t to) {
    auto emission = ws_.emission();
    auto forward = ws_.forward();
    auto backward = ws_.backward();
    auto posterior = ws_.posterior();
    ChangeEstimate change;
    // P(X_a = from, X_b = to): the forward pass restarted from state `from` alone.
    Eigen::ArrayXd restricted = Eigen::ArrayXd::Constant(model_.num_states, kNegInf);
    restricted(from) = forward(from, a);
    // P(X_{t-1} = from, X_t != from) for each interval of (a, b]: where the old state was left.
    std::vector<double> left(static_cast<std::size_t>(b - a), 0.0);
    for (int t = a + 1; t <= b; ++t) {
      const double c = Stay(t);
      const Eigen::ArrayXd next = emission.col(t) + backward.col(t);
      const double off = std::log(std::max((1.0 - c) / model_.num_states, 0.0));
      double leave = 0.0;
      for (int y = 0; y < model_.num_states; ++y) {
        if (y != static_cast<int>(from))
          leave += std::exp(forward(from, t - 1) + off + next(y) - log_z_);
      }
      left[static_cast<std::size_t>(t - a - 1)] = leave;
      restricted = Propagate(restricted, c) + emission.col(t);
    }
    change.probability = std::clamp(std::exp(restricted(to) + backward(to, b) - log_z_), 0.0, 1.0);
    const double old_state = posterior(from, a);
    change.probability_if_earlier_true =
        old_state > 0.0 ? std::clamp(change.probability / old_state, 0.0, 1.0) : 0.0;
    DateTheChange(a, b, left, &change);
    return change;
  }

  // Quantiles of the change day: the interval probabilities `left`, spread over each interval's
  // days in proportion to the hazard (ordinary rate plus the dated periods' mass).
  void DateTheChange(int a, int b, const std::vector<double>& left, ChangeEstimate* change) const {
    // Pieces of constant hazard density: (first day, last day, probability mass).
    struct Piece {
      std::int32_t first, last;
      double mass;
    };
    std::vector<Piece> pieces;
    double total = 0.0;
    for (double x : left) total += x;
    const bool uniform = !(total > 0.0);
    for (int t = a + 1; t <= b; ++t) {
      const double interval_mass = uniform ? 1.0 : left[static_cast<std::size_t>(t - a - 1)];
      const std::int32_t from = model_.step_day[t - 1] + 1;
      const std::int32_t to = model_.step_day[t];
      // Cut points: the interval's ends and the dated periods' edges inside it.
      std::vector<std::int32_t> cuts{from, to + 1};
      for (const DayPeriod& period : model_.periods) {
        if (period.first > from && period.first <= to) cuts.push_back(period.first);
        if (period.last + 1 > from && period.last + 1 <= to) cuts.push_back(period.last + 1);
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      std::vector<Piece> local;
      double density_total = 0.0;
      for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const std::int32_t first = cuts[k];
        const std::int32_t last = cuts[k + 1] - 1;
        double density = model_.rate_per_day;
        for (const DayPeriod& period : model_.periods) {
          if (period.first <= first && last <= period.last) {
            density += model_.dated_mass / static_cast<double>(period.last - period.first + 1);
          }
        }
        if (!(density > 0.0)) density = 1.0;  // no hazard at all: spread evenly
        const double weight = density * static_cast<double>(last - first + 1);
        local.push_back({first, last, weight});
        density_total += weight;
      }
      for (Piece& piece : local) {
        piece.mass *= interval_mass / density_total;
        pieces.push_back(piece);
      }
    }
    double pieces_total = 0.0;
    for (const Piece& piece : pieces) pieces_total += piece.mass;
    const auto quantile = [&](double q) {
      double seen = 0.0;
      for (const Piece& piece : pieces) {
        const double share = piece.mass / pieces_total;
        if (seen + share >= q && share > 0.0) {
          const double days = static_cast<double>(piece.last - piece.first + 1);
          const auto offset = static_cast<std::int32_t>(std::ceil((q - seen) / share * days)) - 1;
          return piece.first + std::clamp<std::int32_t>(offset, 0, piece.last - piece.first);
        }
        seen += share;
      }
      return pieces.back().last;
    };
    change->at = quantile(0.5);
    change->earliest = quantile(0.05);
    change->latest = quantile(0.95);
  }

  // The c of the transition from step t - 1 to step t.
  double Stay(int t) const {
    if (model_.num_states < 2) return 1.0;
    const auto [ordinary, dated] = model_.Hazard(t);
    const double k = static_cast<double>(model_.num_states);
    return std::exp(-(ordinary + dated) * k / (k - 1.0));
  }

  const ClaimStore& store_;
  std::span<const std::uint32_t> claims_;
  const PropositionModel& model_;
  const SourceLogs& logs_;
  Workspace& ws_;
  double log_z_ = 0.0;
};

// Starting reliabilities: each source's weighted agreement with the majority vote of its
// propositions (soft vote shares), under the Beta prior. Deterministic and never symmetric
// unless the votes are.
std::vector<double> ReliabilityFromVotes(const ClaimStore& store, const SolverOptions& options) {
  const std::vector<double> share = MajorityVotePosteriors(store);
  const auto source = store.claim_source();
  const auto weight = store.claim_weight();
  std::vector<double> agree(store.num_outlets(), 0.0);
  std::vector<double> total(store.num_outlets(), 0.0);
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    if (std::isnan(share[c])) continue;
    agree[source[c]] += weight[c] * share[c];
    total[source[c]] += weight[c];
  }
  std::vector<double> reliability(store.num_outlets());
  for (std::size_t s = 0; s < reliability.size(); ++s) {
    reliability[s] = PosteriorMeanReliability(options, agree[s], total[s]);
  }
  return reliability;
}

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
    const std::size_t num_predicates = store.predicates().size();
    solution.reliability = ReliabilityFromVotes(store, options);
    solution.claim_probability.assign(store.num_claims(), std::nan(""));
    // Rates: the prior mean of each predicate (zero when it cannot change).
    std::vector<double> prior_rate(num_predicates, 0.0);
    for (std::size_t q = 0; q < num_predicates; ++q) {
      const PredicateRecord& predicate = store.predicates()[q];
      if (predicate.CanChange()) {
        prior_rate[q] =
            predicate.change_rate_per_year.value_or(options.change_rate_per_year) / kDaysPerYear;
      }
    }
    std::vector<double> rate = prior_rate;
    const double prior_days = options.change_rate_prior_years * kDaysPerYear;

    // Sums: per source w * P(right) and w; per predicate expected changes and exposure; log Z.
    const std::size_t rate_sums = 2 * num_sources;
    const std::size_t log_z_sum = rate_sums + 2 * num_predicates;
    std::vector<double> sums(log_z_sum + 1);
    ChunkedReduce reduce(num_propositions, sums.size());
    const auto state = store.claim_state();
    const auto source = store.claim_source();
    const auto weight = store.claim_weight();

    // One pass: posteriors, claim probabilities and the M-step's sums (and, when decoding, the
    // timelines), over fixed chunks of propositions so that the sums are thread-independent.
    const auto e_step = [&](bool decode) {
      const SourceLogs logs = MakeSourceLogs(solution.reliability);
      if (decode) {
        solution.timelines.assign(num_propositions, {});
        solution.changes.assign(num_propositions, {});
      }
      reduce.Run(
          options.num_threads,
          [&](std::size_t begin, std::size_t end, std::span<double> partial) {
            Workspace workspace;
            PropositionModel model;
            std::vector<double> posterior;
            std::vector<double> probabilities;
            for (std::size_t p = begin; p < end; ++p) {
              MakeModel(store, p, options, rate, &model);
              const auto claims = store.ClaimsOfProposition(p);
              if (model.IsStatic()) {
                posterior.resize(static_cast<std::size_t>(model.num_states));
                partial[log_z_sum] += StaticPosterior(store, p, logs, kNoGroup, posterior);
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
              partial[log_z_sum] += pass.ForwardBackward();
              pass.ClaimProbabilities(&probabilities);
              for (std::size_t i = 0; i < claims.size(); ++i) {
                const std::uint32_t c = claims[i];
                solution.claim_probability[c] = probabilities[i];
                if (state[c] == ClaimStore::kUnknownState) continue;
                partial[source[c]] += weight[c] * probabilities[i];
                partial[num_sources + source[c]] += weight[c];
              }
              pass.ForEachNegation([&](std::uint32_t c, double right) {
                partial[source[c]] += weight[c] * right;
                partial[num_sources + source[c]] += weight[c];
              });
              const auto [changes, exposure] = pass.ExpectedChanges();
              const std::size_t q = store.propositions()[p].predicate;
              partial[rate_sums + 2 * q] += changes;
              partial[rate_sums + 2 * q + 1] += exposure;
              if (decode) pass.DecodeTimeline(&solution.timelines[p], &solution.changes[p]);
            }
          },
          sums);
      double objective = sums[log_z_sum];
      for (std::size_t s = 0; s < num_sources; ++s) {
        objective += options.prior_alpha * std::log(solution.reliability[s]) +
                     options.prior_beta * std::log1p(-solution.reliability[s]);
      }
      for (std::size_t q = 0; q < num_predicates; ++q) {
        if (rate[q] > 0.0) {
          objective += prior_rate[q] * prior_days * std::log(rate[q]) - prior_days * rate[q];
        }
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
      for (std::size_t q = 0; q < num_predicates; ++q) {
        if (prior_rate[q] <= 0.0) continue;
        const double updated = (prior_rate[q] * prior_days + sums[rate_sums + 2 * q]) /
                               (prior_days + sums[rate_sums + 2 * q + 1]);
        change = std::max(change, std::abs(updated - rate[q]) * kDaysPerYear);
        rate[q] = updated;
      }
      summary.iterations = iteration;
      summary.final_change = change;
      if (change < options.tolerance) {
        summary.termination = TerminationType::kConvergence;
        break;
      }
    }
    // Probabilities, timelines and evidence consistent with the reported parameters.
    e_step(true);
    AccumulateSourceEvidence(store, solution.claim_probability, &solution.true_weight,
                             &solution.total_weight);
    solution.change_rate_per_year.resize(num_predicates);
    for (std::size_t q = 0; q < num_predicates; ++q) {
      solution.change_rate_per_year[q] = rate[q] * kDaysPerYear;
    }
    summary.message = summary.IsConverged()
                          ? "largest reliability and change-rate change below tolerance"
                          : "iteration cap reached";

    const SourceLogs logs = MakeSourceLogs(solution.reliability);
    ComputeInfluences(
        store, options,
        [&](std::size_t p, std::uint32_t group, std::vector<double>* out) {
          PropositionModel model;
          MakeModel(store, p, options, rate, &model);
          if (model.IsStatic()) {
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

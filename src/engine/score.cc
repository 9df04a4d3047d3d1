// From a solver's Solution to a ScoreReport: the parts every algorithm shares.
#include "credence/score.h"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace credence {

std::string_view ToString(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::kConfirmed:
      return "confirmed";
    case ClaimStatus::kContradicted:
      return "contradicted";
    case ClaimStatus::kSuperseded:
      return "superseded";
    case ClaimStatus::kUnresolved:
      return "unresolved";
  }
  return "unknown";
}

std::string_view ToString(SupersessionKind kind) {
  switch (kind) {
    case SupersessionKind::kWorldChange:
      return "world_change";
    case SupersessionKind::kCorrection:
      return "correction";
    case SupersessionKind::kRefinement:
      return "refinement";
  }
  return "unknown";
}

namespace {

std::string StateText(const ClaimStore& store, std::size_t p, std::uint32_t state) {
  const auto values = store.ValuesOf(p);
  return state < values.size() ? values[state].ToDisplay()
                               : std::string("none of the claimed values");
}

std::string Format(const char* format, double a, double b = 0.0, double c = 0.0) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, format, a, b, c);
  return buffer;
}

// Whether the solver dated the changes of p's timeline (temporal models).
bool HasChanges(const Solution& solution, std::size_t p) {
  return p < solution.changes.size() && !solution.timelines[p].empty() &&
         solution.changes[p].size() + 1 == solution.timelines[p].size();
}

void BuildTimelines(const ClaimStore& store, const Solution& solution, ScoreReport* report) {
  const auto day = store.claim_day();
  report->timelines.assign(store.num_propositions(), {});
  const auto state = store.claim_state();
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const auto claims = store.ClaimsOfProposition(p);
    // A proposition whose claims all match nothing has no timeline to speak of.
    const bool scorable = std::any_of(claims.begin(), claims.end(), [&](std::uint32_t c) {
      return state[c] != ClaimStore::kUnknownState;
    });
    if (!scorable) continue;
    const std::vector<StateSegment>& segments = solution.timelines[p];
    const bool dated = HasChanges(solution, p);
    for (std::size_t k = 0; k < segments.size(); ++k) {
      const StateSegment& segment = segments[k];
      TimelineEntry entry;
      entry.state = segment.state;
      entry.probability = segment.probability;
      entry.evidence_from = day[claims[segment.first_step]];
      entry.evidence_until = day[claims[segment.last_step]];
      if (k > 0) entry.from = dated ? solution.changes[p][k - 1].at : entry.evidence_from;
      for (std::uint32_t i = segment.first_step; i <= segment.last_step; ++i) {
        entry.claims.push_back(claims[i]);
      }
      if (k > 0) report->timelines[p].back().until = entry.from;
      report->timelines[p].push_back(std::move(entry));
    }
  }
}

// A change of segment is a supersession: the claims that held the old state are overtaken by
// the claims that establish the new one. On a predicate that can change the world changed; one
// declared immutable cannot, so a later state there corrects the record. Returns, per
// proposition, the index of its first event (events of one proposition are consecutive).
std::vector<std::size_t> BuildSupersessions(const ClaimStore& store, const Solution& solution,
                                            ScoreReport* report) {
  const auto state = store.claim_state();
  std::vector<std::size_t> first_event(store.num_propositions() + 1, 0);
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    first_event[p] = report->supersessions.size();
    const auto& timeline = report->timelines[p];
    const bool dated = HasChanges(solution, p);
    for (std::size_t k = 1; k < timeline.size(); ++k) {
      Supersession event;
      event.proposition = static_cast<std::uint32_t>(p);
      event.at = *timeline[k].from;
      if (dated) {
        const ChangeEstimate& change = solution.changes[p][k - 1];
        event.probability = change.probability;
        event.probability_if_earlier_true = change.probability_if_earlier_true;
        event.interval = std::array<std::int32_t, 2>{change.earliest, change.latest};
      }
      event.kind = store.PredicateOf(p).CanChange() ? SupersessionKind::kWorldChange
                                                    : SupersessionKind::kCorrection;
      event.from_state = timeline[k - 1].state;
      event.to_state = timeline[k].state;
      for (std::uint32_t c : timeline[k].claims) {
        if (state[c] == event.to_state) event.establishing_claims.push_back(c);
      }
      report->supersessions.push_back(std::move(event));
    }
  }
  first_event.back() = report->supersessions.size();
  return first_event;
}

// A claim that held its segment's state is superseded when a later change is established given
// that state (the posterior mode at its day): for temporal models, when, given the old state, the
// change is more likely than not (the decision that made the timeline change). Every other claim
// is judged by its own probability, and its reason says when the timeline holds another value.
void AssignStatuses(const ClaimStore& store, const Solution& solution,
                    const std::vector<std::size_t>& first_event, ScoreReport* report) {
  const SolverOptions& options = report->options;
  const auto state = store.claim_state();
  report->claims.assign(store.num_claims(), {});
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    ClaimScore& score = report->claims[c];
    if (!solution.influences.empty()) score.influences = solution.influences[c];
    if (std::isnan(solution.claim_probability[c])) {
      score.status = ClaimStatus::kUnresolved;
      score.reason = state[c] == ClaimStore::kUnknownState
                         ? "its value has no known magnitude, so it matches no other claim and "
                           "is not scored"
                         : "the algorithm gave it no score";
    }
  }
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const auto& timeline = report->timelines[p];
    for (std::size_t k = 0; k < timeline.size(); ++k) {
      const TimelineEntry& segment = timeline[k];
      Supersession* next =
          k + 1 < timeline.size() ? &report->supersessions[first_event[p] + k] : nullptr;
      for (std::uint32_t c : segment.claims) {
        ClaimScore& score = report->claims[c];
        const double probability = solution.claim_probability[c];
        if (std::isnan(probability)) continue;
        score.probability = probability;
        const std::string as_of = FormatIsoDay(store.claim_day()[c]);
        const bool holds_segment = state[c] == segment.state;
        std::string uncertain_change;
        if (holds_segment && next != nullptr) {
          // The same decision as the timeline's: the change is the more probable reading.
          const bool established =
              !next->probability_if_earlier_true || *next->probability_if_earlier_true >= 0.5;
          if (established) {
            score.status = ClaimStatus::kSuperseded;
            score.superseded_by = next->establishing_claims;
            score.reason = "held when made (as of " + as_of + "); overtaken from " +
                           FormatIsoDay(next->at) + ", when the value became " +
                           StateText(store, p, next->to_state);
            if (next->interval) {
              score.reason += Format(" (change probability %.3g", *next->probability) + ", dated " +
                              FormatIsoDay((*next->interval)[0]) + " to " +
                              FormatIsoDay((*next->interval)[1]) + ")";
            }
            continue;
          }
          uncertain_change =
              "; a later change to " + StateText(store, p, next->to_state) +
              Format(
                  " is not established (probability %.3g): the evidence cannot tell a change "
                  "from an error",
                  *next->probability);
        }
        const std::string elsewhere =
            holds_segment
                ? std::string()
                : "; the timeline holds " + StateText(store, p, segment.state) + " as of " + as_of;
        if (probability >= options.confirm_threshold) {
          score.status = ClaimStatus::kConfirmed;
          score.reason = Format("probability %.3g is at least the confirm threshold %.3g",
                                probability, options.confirm_threshold) +
                         uncertain_change;
        } else if (probability <= options.contradict_threshold) {
          score.status = ClaimStatus::kContradicted;
          score.reason = Format("probability %.3g is at most the contradict threshold %.3g",
                                probability, options.contradict_threshold) +
                         (holds_segment ? uncertain_change : elsewhere);
        } else {
          score.status = ClaimStatus::kUnresolved;
          score.reason =
              Format("probability %.3g lies between the thresholds %.3g and %.3g", probability,
                     options.contradict_threshold, options.confirm_threshold);
          score.reason += ": the evidence is thin or split";
          score.reason += elsewhere;
          score.reason += uncertain_change;
        }
      }
    }
  }
  // An event overtakes the claims it superseded.
  for (Supersession& event : report->supersessions) {
    const std::size_t p = event.proposition;
    const auto& timeline = report->timelines[p];
    const std::size_t k = &event - &report->supersessions[first_event[p]];
    for (std::uint32_t c : timeline[k].claims) {
      if (report->claims[c].status == ClaimStatus::kSuperseded) {
        event.superseded_claims.push_back(c);
      }
    }
  }
}

void ScoreOutlets(const ClaimStore& store, const Solution& solution, ScoreReport* report) {
  const SolverOptions& options = report->options;
  const double prior_mean = options.prior_alpha / (options.prior_alpha + options.prior_beta);
  report->outlets.assign(store.num_outlets(), {});
  for (std::size_t s = 0; s < store.num_outlets(); ++s) {
    OutletScore& outlet = report->outlets[s];
    const double true_weight = solution.true_weight.empty() ? 0.0 : solution.true_weight[s];
    const double total_weight = solution.total_weight.empty() ? 0.0 : solution.total_weight[s];
    outlet.reliability = solution.reliability.empty() ? prior_mean : solution.reliability[s];
    outlet.posterior_alpha = options.prior_alpha + true_weight;
    outlet.posterior_beta = options.prior_beta + std::max(total_weight - true_weight, 0.0);
    outlet.interval = {boost::math::ibeta_inv(outlet.posterior_alpha, outlet.posterior_beta, 0.05),
                       boost::math::ibeta_inv(outlet.posterior_alpha, outlet.posterior_beta, 0.95)};
  }
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    OutletScore& publisher = report->outlets[store.claim_outlet()[c]];
    ++publisher.published;
    ++publisher.published_by_status[static_cast<std::size_t>(report->claims[c].status)];
    if (store.IsRelayed(c)) ++publisher.relayed;
    ++report->outlets[store.claim_source()[c]].as_content_source;
  }
}

void AttachGraph(const ClaimStore& store, ConsistencyGraph graph, ScoreReport* report,
                 ConsistencyGraph* graph_out) {
  graph.AddSupersessions(report->supersessions);
  for (const ConsistencyGraph::Edge& edge : graph.Edges()) {
    ClaimScore& a = report->claims[edge.a];
    ClaimScore& b = report->claims[edge.b];
    switch (edge.properties.kind) {
      case EdgeKind::kAgrees:
        a.agrees_with.push_back(edge.b);
        b.agrees_with.push_back(edge.a);
        break;
      case EdgeKind::kConflicts:
        a.conflicts_with.push_back(edge.b);
        b.conflicts_with.push_back(edge.a);
        break;
      case EdgeKind::kRelays:
        a.relays_with.push_back(edge.b);
        b.relays_with.push_back(edge.a);
        break;
      case EdgeKind::kSupersedes:
        break;  // reported as superseded_by
    }
  }
  for (ClaimScore& claim : report->claims) {
    for (auto* list : {&claim.agrees_with, &claim.conflicts_with, &claim.relays_with}) {
      std::sort(list->begin(), list->end());
    }
  }
  const std::vector<std::uint32_t> component = graph.Components(&report->num_components);
  for (std::size_t c = 0; c < store.num_claims(); ++c) report->claims[c].component = component[c];
  if (graph_out != nullptr) *graph_out = std::move(graph);
}

// A solver may leave a proposition's timeline empty (a researcher's own static method): it then
// gets one segment holding the state of its most probable claim. Segments must cover the
// proposition's claims in order.
void CompleteTimelines(const ClaimStore& store, Solution* solution) {
  const auto state = store.claim_state();
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const auto claims = store.ClaimsOfProposition(p);
    std::vector<StateSegment>& segments = solution->timelines[p];
    if (claims.empty()) continue;
    if (segments.empty()) {
      StateSegment segment{0, 0, static_cast<std::uint32_t>(claims.size() - 1), 0.0};
      for (std::uint32_t c : claims) {
        const double probability = solution->claim_probability[c];
        if (state[c] != ClaimStore::kUnknownState && probability > segment.probability) {
          segment.state = state[c];
          segment.probability = probability;
        }
      }
      segments.push_back(segment);
    }
    std::uint32_t next = 0;
    for (const StateSegment& segment : segments) {
      if (segment.first_step != next || segment.last_step < segment.first_step ||
          segment.last_step >= claims.size()) {
        throw std::invalid_argument("solver " + solution->summary.algorithm +
                                    " returned a timeline that does not cover proposition " +
                                    std::to_string(p) + "'s claims in order");
      }
      next = segment.last_step + 1;
    }
    if (next != claims.size()) {
      throw std::invalid_argument("solver " + solution->summary.algorithm +
                                  " returned a timeline that stops before proposition " +
                                  std::to_string(p) + "'s last claim");
    }
  }
}

}  // namespace

ScoreReport Score(const ClaimStore& store, const SolverOptions& options,
                  const GraphOptions& graph_options, ConsistencyGraph* graph) {
  return Score(store, *CreateSolver(options.algorithm), options, graph_options, graph);
}

ScoreReport Score(const ClaimStore& store, const Solver& solver, const SolverOptions& options,
                  const GraphOptions& graph_options, ConsistencyGraph* graph) {
  std::string error;
  if (!options.IsValid(&error)) throw std::invalid_argument("invalid solver options: " + error);
  Solution solution = solver.Solve(store, options);
  if (solution.timelines.size() != store.num_propositions()) {
    solution.timelines.assign(store.num_propositions(), {});
  }
  if (solution.claim_probability.size() != store.num_claims()) {
    solution.claim_probability.assign(store.num_claims(), std::nan(""));
  }
  CompleteTimelines(store, &solution);

  ScoreReport report;
  report.options = options;
  report.summary = std::move(solution.summary);
  BuildTimelines(store, solution, &report);
  const std::vector<std::size_t> first_event = BuildSupersessions(store, solution, &report);
  AssignStatuses(store, solution, first_event, &report);
  report.change_rate_per_year = std::move(solution.change_rate_per_year);
  ScoreOutlets(store, solution, &report);
  AttachGraph(store, ConsistencyGraph::Build(store, graph_options), &report, graph);
  return report;
}

}  // namespace credence

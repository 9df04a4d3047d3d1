// The scores of one run as value types: what the writers serialise and the tests inspect.
#ifndef CREDENCE_RESULT_H_
#define CREDENCE_RESULT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credence/solver.h"

namespace credence {

enum class ClaimStatus : std::uint8_t { kConfirmed, kContradicted, kSuperseded, kUnresolved };
std::string_view ToString(ClaimStatus status);

enum class SupersessionKind : std::uint8_t { kWorldChange, kCorrection, kRefinement };
std::string_view ToString(SupersessionKind kind);

struct ClaimScore {
  std::optional<double> probability;  // none when the value matches nothing
  ClaimStatus status = ClaimStatus::kUnresolved;
  std::vector<std::uint32_t> superseded_by;  // claims that establish the new state
  std::vector<std::uint32_t> agrees_with;    // neighbours in the consistency graph
  std::vector<std::uint32_t> conflicts_with;
  std::vector<std::uint32_t> relays_with;  // same evidence group
  std::vector<Influence> influences;
  std::uint32_t component = 0;  // connected component of the consistency graph
  std::string reason;           // one sentence on why the status is what it is
};

struct OutletScore {
  double reliability = 0.0;
  std::array<double, 2> interval{};  // central 90% credible interval of the Beta posterior
  double posterior_alpha = 0.0;
  double posterior_beta = 0.0;
  // Claims it published, by status, and how many of those relay another source (judged on
  // faithful relay, so they do not move its reliability).
  std::array<int, 4> published_by_status{};
  int published = 0;
  int relayed = 0;
  int as_content_source = 0;  // claims, its own or relayed by others, whose content it answers for
};

struct TimelineEntry {
  std::optional<std::int32_t> from;   // days; none for the open start
  std::optional<std::int32_t> until;  // days; none for the open end
  std::uint32_t state = 0;
  double probability = 0.0;
  std::int32_t evidence_from = 0;  // as_of of the segment's first and last claims
  std::int32_t evidence_until = 0;
  std::vector<std::uint32_t> claims;
};

struct Supersession {
  std::uint32_t proposition = 0;
  // The day the new state began: the posterior median of the change day for temporal models,
  // else the as_of of the earliest establishing claim.
  std::int32_t at = 0;
  // Temporal models: the probability that the world changed (rather than one side being wrong),
  // the same given the old state held at its last claim, and the 90% interval of the change day.
  std::optional<double> probability;
  std::optional<double> probability_if_earlier_true;
  std::optional<std::array<std::int32_t, 2>> interval;
  SupersessionKind kind = SupersessionKind::kWorldChange;
  std::uint32_t from_state = 0;
  std::uint32_t to_state = 0;
  std::vector<std::uint32_t> superseded_claims;
  std::vector<std::uint32_t> establishing_claims;
};

struct ScoreReport {
  SolverOptions options;
  SolverSummary summary;
  std::size_t num_components = 0;
  std::vector<OutletScore> outlets;
  std::vector<ClaimScore> claims;
  std::vector<std::vector<TimelineEntry>> timelines;  // per proposition
  std::vector<Supersession> supersessions;
  // Per predicate: the learned change rate per year (temporal models); empty otherwise.
  std::vector<double> change_rate_per_year;
};

}  // namespace credence

#endif  // CREDENCE_RESULT_H_

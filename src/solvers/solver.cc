// Options validation, summaries and the registry of algorithms.
#include "credence/solver.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "solvers/registry.h"

namespace credence {

namespace {

bool Fail(std::string* error, const std::string& message) {
  if (error != nullptr) *error = message;
  return false;
}

bool InOpenUnit(double x) { return std::isfinite(x) && x > 0.0 && x < 1.0; }

// %g: 1e+06, 0.1, nan, inf, as a user would type them.
std::string Compact(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", x);
  return buffer;
}

}  // namespace

bool SolverOptions::IsValid(std::string* error) const {
  if (max_iterations < 1) return Fail(error, "max_iterations must be at least 1");
  if (!(std::isfinite(tolerance) && tolerance > 0.0)) {
    return Fail(error, "tolerance must be a positive number");
  }
  // NaN fails every comparison, so it is refused with the out-of-range values.
  const auto honoured_prior = [](double x) { return x >= kMinPriorCount && x <= kMaxPriorCount; };
  if (!(honoured_prior(prior_alpha) && honoured_prior(prior_beta))) {
    return Fail(error, "prior_alpha and prior_beta must be numbers in [" + Compact(kMinPriorCount) +
                           ", " + Compact(kMaxPriorCount) + "] (got " + Compact(prior_alpha) +
                           " and " + Compact(prior_beta) + ")");
  }
  if (!(std::isfinite(change_rate_per_year) && change_rate_per_year >= 0.0)) {
    return Fail(error, "change_rate_per_year must be a non-negative number");
  }
  if (!(std::isfinite(change_rate_prior_years) && change_rate_prior_years > 0.0)) {
    return Fail(error, "change_rate_prior_years must be a positive number");
  }
  if (!(std::isfinite(dated_change_count) && dated_change_count >= 0.0)) {
    return Fail(error, "dated_change_count must be a non-negative number");
  }
  if (!(InOpenUnit(probability_clamp) && probability_clamp < 0.01)) {
    return Fail(error, "probability_clamp must be in (0, 0.01)");
  }
  if (!(InOpenUnit(confirm_threshold) && InOpenUnit(contradict_threshold) &&
        contradict_threshold < confirm_threshold)) {
    return Fail(error, "thresholds must satisfy 0 < contradict_threshold < confirm_threshold < 1");
  }
  if (explain_max_groups < 0) return Fail(error, "explain_max_groups must be >= 0");
  if (!(confusion_pseudo_count > 0.0 && confusion_pseudo_count <= kMaxPriorCount)) {
    return Fail(error, "confusion_pseudo_count must be a number in (0, " + Compact(kMaxPriorCount) +
                           "] (got " + Compact(confusion_pseudo_count) + ")");
  }
  if (num_threads < 1 || num_threads > kMaxThreads) {
    return Fail(error, "num_threads must be between 1 and " + std::to_string(kMaxThreads) +
                           " (got " + std::to_string(num_threads) + ")");
  }
  return true;
}

std::string_view ToString(TerminationType type) {
  switch (type) {
    case TerminationType::kConvergence:
      return "convergence";
    case TerminationType::kNoConvergence:
      return "no_convergence";
    case TerminationType::kUserFailure:
      return "user_failure";
  }
  return "unknown";
}

std::string SolverSummary::BriefReport() const {
  char line[256];
  switch (termination) {
    case TerminationType::kConvergence:
      std::snprintf(line, sizeof line, "%s: converged in %d iteration%s (largest change %.2g)",
                    algorithm.c_str(), iterations, iterations == 1 ? "" : "s", final_change);
      break;
    case TerminationType::kNoConvergence:
      std::snprintf(line, sizeof line,
                    "%s: stopped after %d iterations WITHOUT converging (largest change %.2g)",
                    algorithm.c_str(), iterations, final_change);
      break;
    case TerminationType::kUserFailure:
      std::snprintf(line, sizeof line, "%s: failed: %s", algorithm.c_str(), message.c_str());
      break;
  }
  return line;
}

std::string SolverSummary::FullReport() const {
  std::string text = BriefReport();
  text += "\n  termination: ";
  text += ToString(termination);
  if (!message.empty()) {
    text += " (" + message + ")";
  }
  if (!log_likelihood.empty()) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "\n  objective: %.10g -> %.10g", log_likelihood.front(),
                  log_likelihood.back());
    text += buffer;
  }
  return text;
}

namespace {

struct SolverEntry {
  std::string_view name;
  std::unique_ptr<Solver> (*make)();
};

// Every built-in algorithm, by command-line name (lower case, hyphens). One line each.
constexpr SolverEntry kSolvers[] = {
    {"majority-vote", internal::MakeMajorityVoteSolver},
    {"temporal-em", internal::MakeTemporalEmSolver},
    {"dawid-skene", internal::MakeDawidSkeneSolver},
    {"one-coin", internal::MakeOneCoinSolver},
    {"glad", internal::MakeGladSolver},
    {"mace", internal::MakeMaceSolver},
    {"wawa", internal::MakeWawaSolver},
    {"sums", internal::MakeSumsSolver},
    {"average-log", internal::MakeAverageLogSolver},
    {"investment", internal::MakeInvestmentSolver},
    {"pooled-investment", internal::MakePooledInvestmentSolver},
    {"truthfinder", internal::MakeTruthFinderSolver},
    {"two-estimates", internal::MakeTwoEstimatesSolver},
    {"three-estimates", internal::MakeThreeEstimatesSolver},
    {"crh", internal::MakeCrhSolver},
    {"catd", internal::MakeCatdSolver},
};

}  // namespace

std::vector<std::string_view> SolverNames() {
  std::vector<std::string_view> names;
  for (const SolverEntry& entry : kSolvers) names.push_back(entry.name);
  return names;
}

std::unique_ptr<Solver> CreateSolver(std::string_view name) {
  for (const SolverEntry& entry : kSolvers) {
    if (entry.name == name) return entry.make();
  }
  std::string known;
  for (std::string_view n : SolverNames()) {
    if (!known.empty()) known += ", ";
    known += n;
  }
  throw std::invalid_argument("unknown algorithm \"" + std::string(name) + "\"; known: " + known);
}

}  // namespace credence

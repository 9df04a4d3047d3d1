// Fitting one algorithm, for the crowd-kit-shaped classes: Solver::Solve on a store, as eval
// runs it (no explanations), with the GIL released, and the results as NumPy arrays: each
// proposition's probability of each state, its decoded state, each outlet's reliability.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "binding.h"
#include "credence/claim_store.h"
#include "credence/solver.h"
#include "numpy_columns.h"
#include "options.h"

namespace credence::python {

py::dict SummaryToPython(const SolverSummary& summary) {
  py::dict result;
  result["algorithm"] = summary.algorithm;
  result["iterations"] = summary.iterations;
  result["converged"] = summary.IsConverged();
  result["termination"] = std::string(ToString(summary.termination));
  result["message"] = summary.message;
  result["log_likelihood"] = ToNumpy(std::vector<double>(summary.log_likelihood));
  result["final_change"] = summary.final_change;
  result["solve_seconds"] = summary.solve_seconds;
  return result;
}

namespace {

py::dict Fit(const StoreHandle& handle, const py::dict& option_values) {
  SolverOptions options = SolverOptionsFrom(option_values);
  options.explain_max_groups = 0;  // nothing here reads influences
  const ClaimStore& store = *handle.store;
  Solution solution;
  std::size_t width = 0;
  std::vector<double> probability;
  std::vector<std::int64_t> decoded(store.num_propositions(), -1);
  std::vector<double> reliability;
  {
    const py::gil_scoped_release release;
    solution = CreateSolver(options.algorithm)->Solve(store, options);
    for (const PropositionInfo& info : store.propositions()) {
      width = std::max<std::size_t>(width, info.num_states());
    }
    // A state's probability is the one its claims carry (the largest, should claims of one
    // state differ, as eval reads them); the solvers report probabilities of claims only.
    probability.assign(store.num_propositions() * width, std::nan(""));
    const auto proposition = store.claim_proposition();
    const auto state = store.claim_state();
    for (std::size_t c = 0; c < store.num_claims() && c < solution.claim_probability.size(); ++c) {
      const double p = solution.claim_probability[c];
      if (state[c] == ClaimStore::kUnknownState || std::isnan(p)) continue;
      double& cell = probability[proposition[c] * width + state[c]];
      if (std::isnan(cell) || p > cell) cell = p;
    }
    // A state no claim asserts gets what the asserted states leave, 1 - their sum, when it is
    // the only such state and the sum is at most 1 (up to rounding): exact for the algorithms
    // whose claim probabilities are a distribution over the states (every one but
    // TruthFinder, whose confidences sum past 1 and leave the state NaN).
    for (std::size_t p = 0; p < store.num_propositions(); ++p) {
      const std::size_t states = store.propositions()[p].num_states();
      double* row = probability.data() + p * width;
      std::size_t missing = states;
      std::size_t unasserted = 0;
      double total = 0.0;
      for (std::size_t k = 0; k < states; ++k) {
        if (std::isnan(row[k])) {
          missing = k;
          ++unasserted;
        } else {
          total += row[k];
        }
      }
      constexpr double kRounding = 1e-9;
      if (unasserted == 1 && total <= 1.0 + kRounding) row[missing] = std::max(0.0, 1.0 - total);
    }
    // The decoded value is the last timeline segment's: the value the item ends with.
    for (std::size_t p = 0; p < store.num_propositions() && p < solution.timelines.size(); ++p) {
      if (!solution.timelines[p].empty()) decoded[p] = solution.timelines[p].back().state;
    }
    // As Score reports it: the prior mean where the algorithm rates no source.
    reliability = solution.reliability;
    if (reliability.empty()) {
      reliability.assign(store.num_outlets(),
                         options.prior_alpha / (options.prior_alpha + options.prior_beta));
    }
  }
  py::dict result;
  result["probability"] = ToNumpy(std::move(probability), store.num_propositions(), width);
  result["state"] = ToNumpy(std::move(decoded));
  result["reliability"] = ToNumpy(std::move(reliability));
  result["summary"] = SummaryToPython(solution.summary);
  return result;
}

}  // namespace

void RegisterSolve(py::module_& module) {
  module.def("fit", &Fit, py::arg("store"), py::arg("options"),
             "Runs options['algorithm'] on the store; a dict of NumPy arrays: probability "
             "(proposition x state, NaN where unknown), state (the decoded state "
             "of each proposition, -1 for none), reliability (per outlet), and the summary.");
}

}  // namespace credence::python

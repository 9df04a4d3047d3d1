// The Python binding credence._core: a thin shell over the library. Each part registers its
// functions on the module from its own file; the pure-Python package (python/credence) builds
// pandas objects from the NumPy arrays and lists these functions return.
#ifndef CREDENCE_PYTHON_BINDING_H_
#define CREDENCE_PYTHON_BINDING_H_

#include <pybind11/pybind11.h>

#include <memory>

#include "credence/claim_store.h"
#include "credence/input.h"
#include "credence/solver.h"

namespace credence::python {

namespace py = pybind11;

// A loaded claim store as Python holds it. Results share the store, so that a result outlives
// the Python object it was computed from.
struct StoreHandle {
  std::shared_ptr<const ClaimStore> store;
  // The format the store was read as: a gold file given by path is read in the format that
  // goes with it (kCrowdCsv for a DataFrame of answers, kClaimsJson for a dict).
  InputFormat format = InputFormat::kClaimsJson;
};

// The solver's summary as a dict (log_likelihood as a NumPy array).
pybind11::dict SummaryToPython(const SolverSummary& summary);

void RegisterErrors(py::module_& module);
void RegisterOptions(py::module_& module);
void RegisterStore(py::module_& module);
void RegisterAnswers(py::module_& module);
void RegisterSolve(py::module_& module);
void RegisterScore(py::module_& module);
void RegisterSynth(py::module_& module);
void RegisterEval(py::module_& module);

}  // namespace credence::python

#endif  // CREDENCE_PYTHON_BINDING_H_

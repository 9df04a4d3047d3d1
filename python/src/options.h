// Solver and synth options from Python keyword arguments, by the names of the library's option
// fields, checked as the command line checks them (SolverOptions::IsValid, SynthOptions::IsValid,
// CreateSolver) and raised with the same messages.
#ifndef CREDENCE_PYTHON_OPTIONS_H_
#define CREDENCE_PYTHON_OPTIONS_H_

#include <pybind11/pybind11.h>

#include "credence/solver.h"
#include "credence/synth.h"

namespace credence::python {

// Throws py::type_error for an unknown name or a value of the wrong type, OptionError for a
// value out of range, std::invalid_argument (ValueError) for an unknown algorithm.
SolverOptions SolverOptionsFrom(const pybind11::dict& options);
SynthOptions SynthOptionsFrom(const pybind11::dict& options);

pybind11::dict ToDict(const SolverOptions& options);
pybind11::dict ToDict(const SynthOptions& options);

}  // namespace credence::python

#endif  // CREDENCE_PYTHON_OPTIONS_H_

// How the library's errors reach Python: credence.InputError (a ValueError carrying file, line
// and JSON pointer), credence.OptionError (a ValueError with the command line's message) and
// OSError for an output that cannot be written.
#ifndef CREDENCE_PYTHON_ERRORS_H_
#define CREDENCE_PYTHON_ERRORS_H_

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <vector>

#include "credence/error.h"

namespace credence::python {

// An option out of range or of the wrong kind; raised in Python as credence.OptionError.
class OptionError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// credence.Diagnostic tuples (severity, file, line, pointer, message), for warnings that the
// Python side reports through the warnings module.
pybind11::list DiagnosticsToPython(const std::vector<Diagnostic>& diagnostics);

}  // namespace credence::python

#endif  // CREDENCE_PYTHON_ERRORS_H_

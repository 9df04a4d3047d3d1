// Exception translation: every credence exception becomes a Python exception that says the
// same thing, with the location as attributes.
#include "errors.h"

#include <Python.h>

#include <exception>
#include <string>

#include "binding.h"
#include "credence/atomic_file.h"

namespace credence::python {

namespace {

py::object Diagnostic(const py::module_& errors, const credence::Diagnostic& diagnostic) {
  const Location& where = diagnostic.where;
  return errors.attr("Diagnostic")(
      diagnostic.severity == Severity::kError ? "error" : "warning", where.file,
      where.line > 0 ? py::object(py::int_(where.line)) : py::object(py::none()),
      where.pointer.empty() ? py::object(py::none()) : py::object(py::str(where.pointer)),
      diagnostic.message);
}

// Sets the Python error `class_name` of credence._errors, built by `make`; falls back to a
// plain ValueError if the package cannot be imported (a broken installation).
template <typename Make>
void RaiseFromPackage(const char* class_name, const std::string& message, const Make& make) {
  try {
    const py::module_ errors = py::module_::import("credence._errors");
    const py::object type = errors.attr(class_name);
    const py::object exception = make(errors, type);
    PyErr_SetObject(type.ptr(), exception.ptr());
  } catch (const py::error_already_set&) {
    PyErr_SetString(PyExc_ValueError, message.c_str());
  }
}

// pybind11's translator type takes the exception_ptr by value.
void Translate(std::exception_ptr pending) {  // NOLINT(performance-unnecessary-value-param)
  try {
    if (pending) std::rethrow_exception(pending);
  } catch (const InputError& error) {
    RaiseFromPackage("InputError", error.what(),
                     [&](const py::module_& errors, const py::object& type) {
                       py::list diagnostics;
                       for (const credence::Diagnostic& d : error.diagnostics()) {
                         diagnostics.append(Diagnostic(errors, d));
                       }
                       return type(error.what(), diagnostics);
                     });
  } catch (const OptionError& error) {
    RaiseFromPackage("OptionError", error.what(), [&](const py::module_&, const py::object& type) {
      return type(error.what());
    });
  } catch (const OutputError& error) {
    // OSError(errno, strerror, filename) sets the attributes Python code tests for.
    const py::object exception = py::reinterpret_borrow<py::object>(PyExc_OSError)(
        error.error_number(), error.what(), error.path());
    PyErr_SetObject(PyExc_OSError, exception.ptr());
  }
}

}  // namespace

py::list DiagnosticsToPython(const std::vector<credence::Diagnostic>& diagnostics) {
  const py::module_ errors = py::module_::import("credence._errors");
  py::list list;
  for (const credence::Diagnostic& d : diagnostics) list.append(Diagnostic(errors, d));
  return list;
}

void RegisterErrors(py::module_& /*module*/) { py::register_exception_translator(&Translate); }

}  // namespace credence::python

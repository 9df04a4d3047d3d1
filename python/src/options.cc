// Option structs from keyword arguments: one table of fields per struct, so that a name, its
// type and its default are written once (the library's struct) and read here by name.
#include "options.h"

#include <Python.h>
#include <pybind11/stl.h>

#include <climits>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "binding.h"
#include "errors.h"

namespace credence::python {

namespace {

template <typename Options>
struct Field {
  const char* name;
  std::variant<int Options::*, std::int64_t Options::*, std::uint64_t Options::*, double Options::*,
               std::string Options::*, std::vector<double> Options::*>
      member;
};

// Every field of SolverOptions, by its name in the struct (the Python keyword).
const std::initializer_list<Field<SolverOptions>>& SolverFields() {
  using O = SolverOptions;
  static const std::initializer_list<Field<O>> fields = {
      {"algorithm", &O::algorithm},
      {"max_iterations", &O::max_iterations},
      {"tolerance", &O::tolerance},
      {"prior_alpha", &O::prior_alpha},
      {"prior_beta", &O::prior_beta},
      {"change_rate_per_year", &O::change_rate_per_year},
      {"change_rate_prior_years", &O::change_rate_prior_years},
      {"dated_change_count", &O::dated_change_count},
      {"probability_clamp", &O::probability_clamp},
      {"confirm_threshold", &O::confirm_threshold},
      {"contradict_threshold", &O::contradict_threshold},
      {"explain_max_groups", &O::explain_max_groups},
      {"num_threads", &O::num_threads},
      {"seed", &O::seed},
      {"confusion_pseudo_count", &O::confusion_pseudo_count},
  };
  return fields;
}

const std::initializer_list<Field<SynthOptions>>& SynthFields() {
  using O = SynthOptions;
  static const std::initializer_list<Field<O>> fields = {
      {"seed", &O::seed},
      {"sources", &O::sources},
      {"min_reliability", &O::min_reliability},
      {"max_reliability", &O::max_reliability},
      {"reliabilities", &O::reliabilities},
      {"claims", &O::claims},
      {"items", &O::items},
      {"min_values", &O::min_values},
      {"max_values", &O::max_values},
      {"answers_per_item", &O::answers_per_item},
      {"start_date", &O::start_date},
      {"days", &O::days},
      {"mutable_fraction", &O::mutable_fraction},
      {"change_rate", &O::change_rate},
      {"changes_per_item", &O::changes_per_item},
      {"min_change_gap", &O::min_change_gap},
      {"relay_fraction", &O::relay_fraction},
      {"relay_with_via", &O::relay_with_via},
      {"relay_max_shift", &O::relay_max_shift},
      {"stale_sources", &O::stale_sources},
      {"headline_fraction", &O::headline_fraction},
      {"headline_error_factor", &O::headline_error_factor},
  };
  return fields;
}

std::string TypeName(py::handle value) { return Py_TYPE(value.ptr())->tp_name; }

[[noreturn]] void WrongType(const std::string& name, const char* expected, py::handle value) {
  throw py::type_error(name + " must be " + expected + ", not " + TypeName(value));
}

bool IsInteger(py::handle value) {
  return PyIndex_Check(value.ptr()) != 0 && PyBool_Check(value.ptr()) == 0;
}

long long ToInteger(const std::string& name, py::handle value, long long low, long long high) {
  if (!IsInteger(value)) WrongType(name, "an integer", value);
  const py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(value.ptr()));
  if (!index) throw py::error_already_set();
  int overflow = 0;
  const long long result = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
  if (overflow != 0 || result < low || result > high) {
    throw OptionError(name + " must be an integer between " + std::to_string(low) + " and " +
                      std::to_string(high));
  }
  return result;
}

double ToDouble(const std::string& name, py::handle value) {
  // Strings convert with float() but are not numbers; booleans are integers but not meant.
  if (PyUnicode_Check(value.ptr()) != 0 || PyBytes_Check(value.ptr()) != 0 ||
      PyBool_Check(value.ptr()) != 0) {
    WrongType(name, "a number", value);
  }
  const double result = PyFloat_AsDouble(value.ptr());
  if (result == -1.0 && PyErr_Occurred() != nullptr) {
    PyErr_Clear();
    WrongType(name, "a number", value);
  }
  return result;
}

template <typename Options>
void Set(Options& options, const Field<Options>& field, py::handle value) {
  const std::string name = field.name;
  std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(options.*member)>;
        if constexpr (std::is_same_v<T, int>) {
          options.*member = static_cast<int>(ToInteger(name, value, INT_MIN, INT_MAX));
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          options.*member = ToInteger(name, value, LLONG_MIN, LLONG_MAX);
        } else if constexpr (std::is_same_v<T, std::uint64_t>) {
          if (!IsInteger(value)) WrongType(name, "an integer", value);
          const unsigned long long result = PyLong_AsUnsignedLongLong(value.ptr());
          if (PyErr_Occurred() != nullptr) {
            PyErr_Clear();
            throw OptionError(name + " must be an integer between 0 and 2^64 - 1");
          }
          options.*member = result;
        } else if constexpr (std::is_same_v<T, double>) {
          options.*member = ToDouble(name, value);
        } else if constexpr (std::is_same_v<T, std::string>) {
          if (PyUnicode_Check(value.ptr()) == 0) WrongType(name, "a string", value);
          options.*member = value.cast<std::string>();
        } else {
          if (PyUnicode_Check(value.ptr()) != 0) WrongType(name, "a sequence of numbers", value);
          std::vector<double> list;
          for (py::handle item : py::iter(value)) list.push_back(ToDouble(name, item));
          options.*member = std::move(list);
        }
      },
      field.member);
}

template <typename Options>
Options FromDict(const py::dict& values, const std::initializer_list<Field<Options>>& fields) {
  Options options;
  for (const auto& [key, value] : values) {
    const std::string name = py::str(key);
    const Field<Options>* found = nullptr;
    for (const Field<Options>& field : fields) {
      if (name == field.name) found = &field;
    }
    if (found == nullptr) {
      std::string message = "unknown option '" + name + "'; known: ";
      for (const Field<Options>& field : fields) {
        if (&field != fields.begin()) message += ", ";
        message += field.name;
      }
      throw py::type_error(message);
    }
    Set(options, *found, value);
  }
  return options;
}

template <typename Options>
py::dict ToDict(const Options& options, const std::initializer_list<Field<Options>>& fields) {
  py::dict values;
  for (const Field<Options>& field : fields) {
    std::visit([&](auto member) { values[field.name] = py::cast(options.*member); }, field.member);
  }
  return values;
}

}  // namespace

SolverOptions SolverOptionsFrom(const py::dict& values) {
  SolverOptions options = FromDict(values, SolverFields());
  std::string error;
  if (!options.IsValid(&error)) throw OptionError(error);
  CreateSolver(options.algorithm);  // std::invalid_argument naming the known algorithms
  return options;
}

SynthOptions SynthOptionsFrom(const py::dict& values) {
  SynthOptions options = FromDict(values, SynthFields());
  std::string error;
  if (!options.IsValid(&error)) throw OptionError(error);
  return options;
}

py::dict ToDict(const SolverOptions& options) { return ToDict(options, SolverFields()); }
py::dict ToDict(const SynthOptions& options) { return ToDict(options, SynthFields()); }

void RegisterOptions(py::module_& module) {
  module.def(
      "solver_names",
      [] {
        py::list names;
        for (std::string_view name : SolverNames()) names.append(std::string(name));
        return names;
      },
      "The algorithms, by command-line name.");
  module.def(
      "default_solver_options", [] { return ToDict(SolverOptions{}); },
      "SolverOptions' defaults, by field name.");
  module.def(
      "default_synth_options", [] { return ToDict(SynthOptions{}); },
      "SynthOptions' defaults, by field name.");
  module.def(
      "check_solver_options",
      [](const py::dict& values) { return ToDict(SolverOptionsFrom(values)); },
      "Every solver option, validated as the command line validates it.");
}

}  // namespace credence::python

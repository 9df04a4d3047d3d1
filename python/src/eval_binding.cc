// Evaluate against gold values: a gold file read in the format that goes with the store's
// (ReadGold), or records built by Python (from a Series or DataFrame of gold values).
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "binding.h"
#include "credence/error.h"
#include "credence/eval.h"
#include "credence/input.h"
#include "credence/value.h"
#include "errors.h"
#include "options.h"

namespace credence::python {

namespace {

// (subject, predicate, value, ISO date or None) tuples; `source` names them in messages, and a
// record's pointer is its position ("/3").
std::vector<TruthRecord> RecordsOf(const py::list& records, const std::string& source) {
  std::vector<TruthRecord> truth;
  std::vector<Diagnostic> errors;
  truth.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto fields = records[i].cast<std::vector<py::object>>();
    if (fields.size() != 4) throw std::invalid_argument("a gold record has four fields");
    TruthRecord record;
    record.subject = py::str(fields[0]);
    record.predicate = py::str(fields[1]);
    record.value = py::str(fields[2]);
    record.where = {source, "/" + std::to_string(i), 0};
    if (!fields[3].is_none()) {
      std::string error;
      const std::string text = py::str(fields[3]);
      record.date = ParseIsoDate(text, &error);
      if (!record.date) {
        errors.push_back({Severity::kError, {source, record.where.pointer + "/date", 0}, error});
      }
    }
    truth.push_back(std::move(record));
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  return truth;
}

py::dict ToPython(const EvalResult& r) {
  py::dict row;
  row["algorithm"] = r.algorithm;
  row["accuracy"] = r.accuracy;
  row["correct"] = r.correct;
  row["gold_items"] = r.gold_items;
  row["gold_without_claims"] = r.gold_without_claims;
  row["ties"] = r.ties;
  row["macro_f1"] = r.macro_f1;
  row["log_loss"] = r.log_loss;
  row["brier"] = r.brier;
  row["expected_calibration_error"] = r.expected_calibration_error;
  row["iterations"] = r.iterations;
  row["termination"] = r.termination;
  row["fit_seconds"] = r.fit_seconds;
  return row;
}

py::tuple Run(const StoreHandle& handle, const py::object& truth,
              const std::vector<std::string>& algorithms, const py::dict& option_values,
              const std::string& truth_source) {
  const SolverOptions options = SolverOptionsFrom(option_values);
  for (const std::string& name : algorithms) CreateSolver(name);  // unknown names, before work
  std::vector<TruthRecord> records;
  if (py::isinstance<py::str>(truth)) {
    const std::string path = truth.cast<std::string>();
    const py::gil_scoped_release release;
    records = ReadGold(path, handle.format);
  } else {
    records = RecordsOf(truth.cast<py::list>(), truth_source);
  }
  std::vector<Diagnostic> warnings;
  std::vector<EvalResult> results;
  {
    const py::gil_scoped_release release;
    results = Evaluate(*handle.store, records, algorithms, options, &warnings);
  }
  py::list rows;
  for (const EvalResult& result : results) rows.append(ToPython(result));
  return py::make_tuple(rows, DiagnosticsToPython(warnings));
}

}  // namespace

void RegisterEval(py::module_& module) {
  module.def("evaluate", &Run, py::arg("store"), py::arg("truth"), py::arg("algorithms"),
             py::arg("options"), py::arg("truth_source") = "<truth>",
             "(one dict per algorithm, warnings): accuracy and calibration against the gold "
             "values, a gold file's path or (subject, predicate, value, date) records.");
}

}  // namespace credence::python

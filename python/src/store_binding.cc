// credence._core.Store and the loaders that make one: a file in any input format (the command
// line's LoadClaimStore), or the text of a claims document (a dict serialised by Python).
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "binding.h"
#include "credence/claim_store.h"
#include "credence/document.h"
#include "credence/input.h"
#include "errors.h"
#include "numpy_columns.h"

namespace credence::python {

namespace {

InputFormat FormatNamed(const std::string& name) {
  const std::optional<InputFormat> format = ParseInputFormat(name);
  if (!format) {
    throw std::invalid_argument("unknown format \"" + name +
                                "\"; known: auto, json, jsonl, crowd-csv, crowd-tsv, book, "
                                "population");
  }
  return *format;
}

py::tuple LoadPath(const std::string& path, const std::string& format_name,
                   const std::string& duplicates_name) {
  const InputFormat format = FormatNamed(format_name);
  ReadOptions options;
  const std::optional<DuplicateAnswers> duplicates = ParseDuplicateAnswers(duplicates_name);
  if (!duplicates) {
    throw std::invalid_argument("unknown duplicates \"" + duplicates_name +
                                "\"; known: vote, first, last, error");
  }
  options.duplicates = *duplicates;
  std::vector<Diagnostic> warnings;
  StoreHandle handle;
  InputFormat detected = format;
  {
    const py::gil_scoped_release release;
    handle.store = std::make_shared<const ClaimStore>(
        LoadClaimStore(path, format, options, &warnings, &detected));
  }
  handle.format = detected == InputFormat::kAuto ? InputFormat::kClaimsJson : detected;
  return py::make_tuple(std::move(handle), DiagnosticsToPython(warnings));
}

py::tuple LoadDocumentText(const std::string& text, const std::string& source) {
  std::vector<Diagnostic> warnings;
  StoreHandle handle;
  {
    const py::gil_scoped_release release;
    ClaimsDocument document = ParseClaimsDocument(text, source);
    warnings = document.warnings;
    handle.store = std::make_shared<const ClaimStore>(BuildClaimStore(std::move(document)));
  }
  handle.format = InputFormat::kClaimsJson;
  return py::make_tuple(std::move(handle), DiagnosticsToPython(warnings));
}

// The claims' hot columns, copied into NumPy arrays (-1 for a state that matches nothing).
py::dict ClaimColumns(const StoreHandle& handle) {
  const ClaimStore& store = *handle.store;
  const auto copy = [](auto span) {
    using T = typename decltype(span)::value_type;
    return ToNumpy(std::vector<std::remove_const_t<T>>(span.begin(), span.end()));
  };
  std::vector<std::int64_t> state(store.claim_state().begin(), store.claim_state().end());
  for (std::int64_t& s : state) {
    if (s == ClaimStore::kUnknownState) s = -1;
  }
  py::dict columns;
  columns["outlet"] = copy(store.claim_outlet());
  columns["content_source"] = copy(store.claim_source());
  columns["proposition"] = copy(store.claim_proposition());
  columns["state"] = ToNumpy(std::move(state));
  columns["evidence_group"] = copy(store.claim_group());
  columns["day"] = copy(store.claim_day());
  columns["weight"] = copy(store.claim_weight());
  return columns;
}

}  // namespace

void RegisterStore(py::module_& module) {
  py::class_<StoreHandle>(module, "Store",
                          "Claims loaded into credence's columnar store, ready to score.")
      .def_property_readonly("num_claims",
                             [](const StoreHandle& h) { return h.store->num_claims(); })
      .def_property_readonly("num_outlets",
                             [](const StoreHandle& h) { return h.store->num_outlets(); })
      .def_property_readonly("num_propositions",
                             [](const StoreHandle& h) { return h.store->num_propositions(); })
      .def_property_readonly("num_evidence_groups",
                             [](const StoreHandle& h) { return h.store->num_groups(); })
      .def_property_readonly("source", [](const StoreHandle& h) { return h.store->source(); })
      .def_property_readonly("input_digest",
                             [](const StoreHandle& h) { return h.store->input_digest(); })
      .def_property_readonly("format",
                             [](const StoreHandle& h) { return std::string(ToString(h.format)); })
      .def("claim_columns", &ClaimColumns,
           "The claims' columns: outlet, content_source, proposition, state, evidence_group, "
           "day (since 1970-01-01) and weight, one entry per claim.");
  module.def("load_path", &LoadPath, py::arg("path"), py::arg("format"),
             py::arg("duplicates") = "vote",
             "(Store, warnings) from a file in `format` (auto detects it); `duplicates` as the "
             "command line's --duplicates.");
  module.def("load_document_text", &LoadDocumentText, py::arg("text"), py::arg("source"),
             "(Store, warnings) from the text of a claims document; `source` names it in "
             "messages.");
}

}  // namespace credence::python

// credence._core.Synth: a generated data set (GenerateSynth) with its claims as NumPy columns
// and its text outputs rendered by the library, as `credence synth` writes them.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "binding.h"
#include "credence/synth.h"
#include "numpy_columns.h"
#include "options.h"

namespace credence::python {

namespace {

// What Python holds; a struct rather than the shared_ptr itself, which pybind11 would take for
// a holder of an unregistered type.
struct Dataset {
  std::shared_ptr<const SynthDataset> data;
  const SynthDataset* operator->() const { return data.get(); }
  const SynthDataset& operator*() const { return *data; }
};

Dataset Generate(const py::dict& option_values) {
  const SynthOptions options = SynthOptionsFrom(option_values);
  const py::gil_scoped_release release;
  return Dataset{std::make_shared<const SynthDataset>(GenerateSynth(options))};
}

py::dict ClaimColumns(const Dataset& data) {
  const std::size_t n = data->claims.size();
  std::vector<std::int64_t> item(n);
  std::vector<std::int64_t> source(n);
  std::vector<std::int64_t> day(n);
  std::vector<std::int64_t> value(n);
  std::vector<std::int64_t> upstream(n);
  py::array_t<bool> headline(static_cast<py::ssize_t>(n));
  py::array_t<bool> relay(static_cast<py::ssize_t>(n));
  py::array_t<bool> relay_has_via(static_cast<py::ssize_t>(n));
  for (std::size_t c = 0; c < n; ++c) {
    const SynthClaim& claim = data->claims[c];
    item[c] = claim.item;
    source[c] = claim.source;
    day[c] = claim.day;
    value[c] = claim.value;
    upstream[c] = claim.relay ? static_cast<std::int64_t>(claim.upstream) : -1;
    headline.mutable_at(c) = claim.headline;
    relay.mutable_at(c) = claim.relay;
    relay_has_via.mutable_at(c) = claim.relay_has_via;
  }
  py::dict columns;
  columns["item"] = ToNumpy(std::move(item));
  columns["source"] = ToNumpy(std::move(source));
  columns["day"] = ToNumpy(std::move(day));
  columns["value"] = ToNumpy(std::move(value));
  columns["headline"] = headline;
  columns["relay"] = relay;
  columns["relay_has_via"] = relay_has_via;
  columns["upstream"] = ToNumpy(std::move(upstream));
  return columns;
}

py::dict ItemColumns(const Dataset& data) {
  const std::size_t n = data->items.size();
  py::list ids;
  std::vector<std::int64_t> num_values(n);
  std::vector<std::int64_t> final_value(n);
  std::vector<std::int64_t> changes(n);
  py::array_t<bool> is_mutable(static_cast<py::ssize_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const SynthItem& item = data->items[i];
    ids.append(SynthItemId(i));
    num_values[i] = item.num_values;
    final_value[i] = item.FinalValue();
    changes[i] = static_cast<std::int64_t>(item.change_days.size());
    is_mutable.mutable_at(i) = item.is_mutable;
  }
  py::dict columns;
  columns["id"] = ids;
  columns["mutable"] = is_mutable;
  columns["num_values"] = ToNumpy(std::move(num_values));
  columns["final_value"] = ToNumpy(std::move(final_value));
  columns["changes"] = ToNumpy(std::move(changes));
  return columns;
}

py::dict SourceColumns(const Dataset& data) {
  py::list ids;
  std::vector<double> reliability;
  py::array_t<bool> stale(static_cast<py::ssize_t>(data->sources.size()));
  for (std::size_t s = 0; s < data->sources.size(); ++s) {
    ids.append(data->sources[s].id);
    reliability.push_back(data->sources[s].reliability);
    stale.mutable_at(s) = data->sources[s].stale;
  }
  py::dict columns;
  columns["id"] = ids;
  columns["reliability"] = ToNumpy(std::move(reliability));
  columns["stale"] = stale;
  return columns;
}

// The text of every value a claim can hold, by value index ("v0", "v1", ...).
py::list ValueTexts(const Dataset& data) {
  int most = 0;
  for (const SynthItem& item : data->items) most = std::max<int>(most, item.num_values);
  py::list texts;
  for (int k = 0; k < most; ++k) texts.append(SynthValueText(static_cast<std::uint16_t>(k)));
  return texts;
}

template <std::string (*Render)(const SynthDataset&)>
std::string Text(const Dataset& data) {
  const py::gil_scoped_release release;
  return Render(*data);
}

}  // namespace

void RegisterSynth(py::module_& module) {
  py::class_<Dataset>(module, "Synth", "A synthetic data set with its answer key.")
      .def_property_readonly("first_day", [](const Dataset& d) { return d->first_day; })
      .def_property_readonly("options", [](const Dataset& d) { return ToDict(d->options); })
      .def("claim_columns", &ClaimColumns)
      .def("item_columns", &ItemColumns)
      .def("source_columns", &SourceColumns)
      .def("value_texts", &ValueTexts)
      .def("claims_json", &Text<SynthClaimsJson>, "The claims document (credence \"1\").")
      .def("claims_jsonl", &Text<SynthClaimsJsonl>, "The claims as JSON Lines.")
      .def("answers_csv", &Text<SynthAnswersCsv>, "question,worker,answer rows.")
      .def("truth_csv", &Text<SynthTruthCsv>, "question,truth rows.")
      .def("truth_json", &Text<SynthTruthJson>, "The whole answer key as JSON.")
      .def(
          "write",
          [](const Dataset& d, const std::string& prefix, bool jsonl) {
            const py::gil_scoped_release release;
            WriteSynthFiles(*d, prefix, jsonl);
          },
          py::arg("prefix"), py::arg("jsonl") = false,
          "Writes PREFIX.claims.json (or .claims.jsonl), PREFIX.answers.csv, PREFIX.truth.csv "
          "and PREFIX.truth.json, as `credence synth --out-prefix PREFIX` does.");
  module.def("synth", &Generate, py::arg("options"),
             "Generates a data set; options by SynthOptions' field names.");
}

}  // namespace credence::python

// credence._core.Result: Score's report on a store, and its parts as columns (NumPy arrays for
// numbers and codes, lists for text) from which the Python side builds DataFrames; the scores
// document itself through the library's writer, so that its bytes are the command line's.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "binding.h"
#include "credence/atomic_file.h"
#include "credence/claim_store.h"
#include "credence/document.h"
#include "credence/output.h"
#include "credence/result.h"
#include "credence/score.h"
#include "numpy_columns.h"
#include "options.h"

namespace credence::python {

namespace {

// Days since 1970-01-01; this stands for none (NumPy reads it as NaT in datetime64[D]).
constexpr std::int64_t kNoDay = std::numeric_limits<std::int64_t>::min();

struct ResultHandle {
  std::shared_ptr<const ClaimStore> store;
  std::shared_ptr<const ScoreReport> report;
};

std::int64_t Day(std::optional<std::int32_t> day) { return day ? *day : kNoDay; }

py::object StateValue(const ClaimStore& store, std::size_t proposition, std::uint32_t state) {
  const auto values = store.ValuesOf(proposition);
  if (state < values.size()) return py::str(values[state].ToDisplay());
  return py::none();  // "none of the claimed values", null in the scores document
}

// The document's "mutable": true, false, or None when the model learns whether it changes.
py::object Mutable(const PredicateRecord& predicate) {
  switch (predicate.mutability) {
    case Mutability::kMutable:
      return py::bool_(true);
    case Mutability::kImmutable:
      return py::bool_(false);
    case Mutability::kLearned:
      break;
  }
  return py::none();
}

py::object DateText(const std::optional<Date>& date) {
  return date ? py::object(py::str(date->ToIso())) : py::object(py::none());
}

py::tuple ClaimIds(const ClaimStore& store, const std::vector<std::uint32_t>& claims) {
  py::tuple ids(claims.size());
  for (std::size_t i = 0; i < claims.size(); ++i) ids[i] = store.ClaimId(claims[i]);
  return ids;
}

ResultHandle Run(const StoreHandle& handle, const py::dict& option_values) {
  const SolverOptions options = SolverOptionsFrom(option_values);
  ResultHandle result{handle.store, nullptr};
  {
    const py::gil_scoped_release release;
    result.report = std::make_shared<const ScoreReport>(Score(*handle.store, options));
  }
  return result;
}

py::dict OutletColumns(const ResultHandle& result) {
  const ClaimStore& store = *result.store;
  const ScoreReport& report = *result.report;
  const std::size_t n = store.num_outlets();
  py::list ids;
  py::list names;
  py::list kinds;
  for (const OutletRecord& outlet : store.outlets()) {
    ids.append(outlet.id);
    names.append(outlet.name);
    kinds.append(outlet.kind);
  }
  std::vector<double> reliability(n);
  std::vector<double> low(n);
  std::vector<double> high(n);
  std::vector<double> alpha(n);
  std::vector<double> beta(n);
  std::vector<std::int64_t> published(n);
  std::vector<std::int64_t> relayed(n);
  std::vector<std::int64_t> as_content_source(n);
  std::vector<std::vector<std::int64_t>> by_status(4, std::vector<std::int64_t>(n));
  for (std::size_t s = 0; s < n; ++s) {
    const OutletScore& score = report.outlets[s];
    reliability[s] = score.reliability;
    low[s] = score.interval[0];
    high[s] = score.interval[1];
    alpha[s] = score.posterior_alpha;
    beta[s] = score.posterior_beta;
    published[s] = score.published;
    relayed[s] = score.relayed;
    as_content_source[s] = score.as_content_source;
    for (std::size_t k = 0; k < 4; ++k) by_status[k][s] = score.published_by_status[k];
  }
  py::dict columns;
  columns["id"] = ids;
  columns["name"] = names;
  columns["kind"] = kinds;
  columns["reliability"] = ToNumpy(std::move(reliability));
  columns["interval_low"] = ToNumpy(std::move(low));
  columns["interval_high"] = ToNumpy(std::move(high));
  columns["posterior_alpha"] = ToNumpy(std::move(alpha));
  columns["posterior_beta"] = ToNumpy(std::move(beta));
  columns["claims"] = ToNumpy(std::move(published));
  columns["relayed"] = ToNumpy(std::move(relayed));
  columns["as_content_source"] = ToNumpy(std::move(as_content_source));
  for (const ClaimStatus status : {ClaimStatus::kConfirmed, ClaimStatus::kContradicted,
                                   ClaimStatus::kSuperseded, ClaimStatus::kUnresolved}) {
    columns[py::str(std::string(ToString(status)))] =
        ToNumpy(std::move(by_status[static_cast<std::size_t>(status)]));
  }
  return columns;
}

py::dict ClaimColumns(const ResultHandle& result) {
  const ClaimStore& store = *result.store;
  const ScoreReport& report = *result.report;
  const std::size_t n = store.num_claims();
  py::list ids;
  py::list values;
  py::list reasons;
  py::list since;
  py::list until;
  std::vector<std::int64_t> article(n);
  std::vector<std::int64_t> outlet(n);
  std::vector<std::int64_t> source(n);
  std::vector<std::int64_t> proposition(n);
  std::vector<std::int64_t> state(n);
  std::vector<std::int64_t> as_of(n);
  std::vector<bool> fallback(n);
  std::vector<double> probability(n);
  std::vector<std::int64_t> status(n);
  std::vector<std::int64_t> component(n);
  std::vector<std::int64_t> group(n);
  std::vector<double> weight(n);
  std::vector<double> confidence(n);
  for (std::size_t c = 0; c < n; ++c) {
    const ClaimRecord record = store.claim_record(c);
    const ClaimScore& score = report.claims[c];
    ids.append(record.id);
    values.append(record.value.ToDisplay());
    reasons.append(score.reason);
    since.append(DateText(record.since));
    until.append(DateText(record.until));
    const std::uint32_t a = store.claim_article(c);
    article[c] = a == ClaimStore::kNotFound ? -1 : a;
    outlet[c] = store.claim_outlet()[c];
    source[c] = store.claim_source()[c];
    proposition[c] = store.claim_proposition()[c];
    state[c] = store.claim_state()[c] == ClaimStore::kUnknownState ? -1 : store.claim_state()[c];
    as_of[c] = store.claim_day()[c];
    fallback[c] = record.as_of_is_fallback;
    probability[c] = score.probability ? *score.probability : std::nan("");
    status[c] = static_cast<std::int64_t>(score.status);
    component[c] = score.component;
    group[c] = store.claim_group()[c];
    weight[c] = store.claim_weight()[c];
    confidence[c] = record.confidence;
  }
  py::list article_ids;
  for (const ArticleInfo& info : store.articles()) article_ids.append(info.id);
  py::list outlet_ids;
  for (const OutletRecord& record : store.outlets()) outlet_ids.append(record.id);
  py::list status_names;  // by the enum's value, which is what `status` holds
  for (const ClaimStatus s : {ClaimStatus::kConfirmed, ClaimStatus::kContradicted,
                              ClaimStatus::kSuperseded, ClaimStatus::kUnresolved}) {
    status_names.append(std::string(ToString(s)));
  }
  py::dict columns;
  columns["id"] = ids;
  columns["article"] = ToNumpy(std::move(article));
  columns["article_ids"] = article_ids;
  columns["outlet_ids"] = outlet_ids;
  columns["status_names"] = status_names;
  columns["outlet"] = ToNumpy(std::move(outlet));
  columns["content_source"] = ToNumpy(std::move(source));
  columns["proposition"] = ToNumpy(std::move(proposition));
  columns["state"] = ToNumpy(std::move(state));
  columns["value"] = values;
  columns["as_of"] = ToNumpy(std::move(as_of));
  py::array_t<bool> fallback_array(static_cast<py::ssize_t>(n));
  for (std::size_t c = 0; c < n; ++c) fallback_array.mutable_at(c) = fallback[c];
  columns["as_of_fallback"] = fallback_array;
  columns["since"] = since;
  columns["until"] = until;
  columns["probability"] = ToNumpy(std::move(probability));
  columns["status"] = ToNumpy(std::move(status));
  columns["component"] = ToNumpy(std::move(component));
  columns["evidence_group"] = ToNumpy(std::move(group));
  columns["weight"] = ToNumpy(std::move(weight));
  columns["confidence"] = ToNumpy(std::move(confidence));
  columns["reason"] = reasons;
  return columns;
}

py::dict PropositionColumns(const ResultHandle& result) {
  const ClaimStore& store = *result.store;
  py::list subjects;
  py::list predicates;
  py::list kinds;
  py::list values;
  py::list mutability;
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const PredicateRecord& predicate = store.PredicateOf(p);
    subjects.append(store.propositions()[p].subject);
    predicates.append(predicate.id);
    kinds.append(std::string(ToString(predicate.value_kind)));
    mutability.append(Mutable(predicate));
    const auto candidates = store.ValuesOf(p);
    py::tuple texts(candidates.size());
    for (std::size_t k = 0; k < candidates.size(); ++k) texts[k] = candidates[k].ToDisplay();
    values.append(texts);
  }
  py::dict columns;
  columns["subject"] = subjects;
  columns["predicate"] = predicates;
  columns["value_kind"] = kinds;
  columns["mutable"] = mutability;
  columns["values"] = values;
  return columns;
}

py::dict PredicateColumns(const ResultHandle& result) {
  const ClaimStore& store = *result.store;
  const ScoreReport& report = *result.report;
  py::list ids;
  py::list kinds;
  py::list mutability;
  std::vector<double> prior;
  std::vector<double> learned;
  for (std::size_t q = 0; q < store.predicates().size(); ++q) {
    const PredicateRecord& predicate = store.predicates()[q];
    ids.append(predicate.id);
    kinds.append(std::string(ToString(predicate.value_kind)));
    mutability.append(Mutable(predicate));
    // As the scores document states them: the prior mean of the change rate, and the rate the
    // temporal model learned (NaN for algorithms without one).
    prior.push_back(predicate.CanChange() ? predicate.change_rate_per_year.value_or(
                                                report.options.change_rate_per_year)
                                          : 0.0);
    learned.push_back(q < report.change_rate_per_year.size() ? report.change_rate_per_year[q]
                                                             : std::nan(""));
  }
  py::dict columns;
  columns["id"] = ids;
  columns["value_kind"] = kinds;
  columns["mutable"] = mutability;
  columns["change_rate_prior"] = ToNumpy(std::move(prior));
  columns["change_rate"] = ToNumpy(std::move(learned));
  return columns;
}

py::dict TimelineColumns(const ResultHandle& result) {
  const ClaimStore& store = *result.store;
  const ScoreReport& report = *result.report;
  std::vector<std::int64_t> proposition;
  std::vector<std::int64_t> from;
  std::vector<std::int64_t> until;
  std::vector<std::int64_t> state;
  std::vector<double> probability;
  std::vector<std::int64_t> evidence_from;
  std::vector<std::int64_t> evidence_until;
  py::list values;
  py::list claims;
  for (std::size_t p = 0; p < report.timelines.size(); ++p) {
    for (const TimelineEntry& entry : report.timelines[p]) {
      proposition.push_back(static_cast<std::int64_t>(p));
      from.push_back(Day(entry.from));
      until.push_back(Day(entry.until));
      state.push_back(entry.state);
      probability.push_back(entry.probability);
      evidence_from.push_back(entry.evidence_from);
      evidence_until.push_back(entry.evidence_until);
      values.append(StateValue(store, p, entry.state));
      claims.append(ClaimIds(store, entry.claims));
    }
  }
  py::dict columns;
  columns["proposition"] = ToNumpy(std::move(proposition));
  columns["from"] = ToNumpy(std::move(from));
  columns["until"] = ToNumpy(std::move(until));
  columns["state"] = ToNumpy(std::move(state));
  columns["value"] = values;
  columns["probability"] = ToNumpy(std::move(probability));
  columns["evidence_from"] = ToNumpy(std::move(evidence_from));
  columns["evidence_until"] = ToNumpy(std::move(evidence_until));
  columns["claims"] = claims;
  return columns;
}

py::dict SupersessionColumns(const ResultHandle& result) {
  const ClaimStore& store = *result.store;
  const ScoreReport& report = *result.report;
  std::vector<std::int64_t> proposition;
  std::vector<std::int64_t> at;
  std::vector<double> probability;
  std::vector<double> probability_if_earlier_true;
  std::vector<std::int64_t> earliest;
  std::vector<std::int64_t> latest;
  py::list kinds;
  py::list from_values;
  py::list to_values;
  py::list superseded;
  py::list establishing;
  for (const Supersession& event : report.supersessions) {
    proposition.push_back(event.proposition);
    at.push_back(event.at);
    probability.push_back(event.probability.value_or(std::nan("")));
    probability_if_earlier_true.push_back(event.probability_if_earlier_true.value_or(std::nan("")));
    earliest.push_back(event.interval ? (*event.interval)[0] : kNoDay);
    latest.push_back(event.interval ? (*event.interval)[1] : kNoDay);
    kinds.append(std::string(ToString(event.kind)));
    from_values.append(StateValue(store, event.proposition, event.from_state));
    to_values.append(StateValue(store, event.proposition, event.to_state));
    superseded.append(ClaimIds(store, event.superseded_claims));
    establishing.append(ClaimIds(store, event.establishing_claims));
  }
  py::dict columns;
  columns["proposition"] = ToNumpy(std::move(proposition));
  columns["at"] = ToNumpy(std::move(at));
  columns["probability"] = ToNumpy(std::move(probability));
  columns["probability_if_earlier_true"] = ToNumpy(std::move(probability_if_earlier_true));
  columns["interval_from"] = ToNumpy(std::move(earliest));
  columns["interval_until"] = ToNumpy(std::move(latest));
  columns["kind"] = kinds;
  columns["from_value"] = from_values;
  columns["to_value"] = to_values;
  columns["superseded_claims"] = superseded;
  columns["establishing_claims"] = establishing;
  return columns;
}

std::string ToJson(const ResultHandle& result) {
  const py::gil_scoped_release release;
  return ScoresToJson(*result.store, *result.report);
}

void WriteJson(const ResultHandle& result, const std::string& path) {
  const py::gil_scoped_release release;
  WriteFileAtomically(
      path, [&](std::ostream& out) { WriteScoresJson(*result.store, *result.report, out); });
}

}  // namespace

void RegisterScore(py::module_& module) {
  py::class_<ResultHandle>(module, "Result", "One run of Score on a store.")
      .def("to_json", &ToJson, "The scores document, as `credence score` writes it.")
      .def("write_json", &WriteJson, py::arg("path"),
           "Writes the scores document to `path` atomically, one claim at a time.")
      .def_property_readonly(
          "summary", [](const ResultHandle& r) { return SummaryToPython(r.report->summary); })
      .def_property_readonly("options",
                             [](const ResultHandle& r) { return ToDict(r.report->options); })
      .def_property_readonly("num_components",
                             [](const ResultHandle& r) { return r.report->num_components; })
      .def("outlet_columns", &OutletColumns)
      .def("claim_columns", &ClaimColumns)
      .def("proposition_columns", &PropositionColumns)
      .def("predicate_columns", &PredicateColumns)
      .def("timeline_columns", &TimelineColumns)
      .def("supersession_columns", &SupersessionColumns);
  module.def("score", &Run, py::arg("store"), py::arg("options"),
             "Scores the store with the options (checked as the command line checks them).");
}

}  // namespace credence::python

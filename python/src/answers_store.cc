// Crowd answers from pandas into a claim store without a Python loop: the DataFrame's task,
// worker and label columns arrive factorised (an int64 code per row and the names the codes
// index), and become a store by the rules the crowd CSV reader follows (src/input/
// load_store.cc, LoadCrowd), so that a DataFrame and the CSV written from it score alike:
// one outlet per worker and one proposition per task, numbered in order of first appearance;
// the labels a closed domain in byte order of their normalised text; undated claims
// (1970-01-01, marked as a fallback); repeated (task, worker) rows read by the --duplicates
// rule (src/input/repeated_answers.cc, FinishVotes, restated here on the builder's public
// FindRepeats and RemoveClaims: the library has no public entry point for it). Errors point
// at "/ROW/COLUMN", ROW counted from 0 as DataFrame.iloc counts.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "binding.h"
#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/value.h"
#include "errors.h"
#include "numpy_columns.h"

namespace credence::python {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kMaxReportedErrors = 100;  // as the file readers

using Codes = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

// One factorised column: a code per row into `names`.
struct Column {
  const char* name;
  const std::int64_t* codes;
  std::vector<std::string> names;
};

std::vector<std::string> NamesOf(const py::sequence& names) {
  std::vector<std::string> text;
  text.reserve(names.size());
  for (py::handle name : names) text.emplace_back(py::str(name));
  return text;
}

class Errors {
 public:
  explicit Errors(std::string source) : source_(std::move(source)) {}

  void Add(std::size_t row, const char* column, std::string message) {
    if (diagnostics_.size() >= kMaxReportedErrors) return;
    std::string pointer = "/" + std::to_string(row);
    if (column != nullptr) pointer += std::string("/") + column;
    diagnostics_.push_back(
        {Severity::kError, {source_, std::move(pointer), 0}, std::move(message)});
  }
  void ThrowIfAny() {
    if (!diagnostics_.empty()) throw InputError(std::move(diagnostics_));
  }

 private:
  std::string source_;
  std::vector<Diagnostic> diagnostics_;
};

// Checks every row's code and, once per name, the name (at the first row that uses it); once
// no error is recorded, every code indexes `names`.
void CheckColumn(const Column& column, std::size_t rows, std::size_t max_bytes, bool is_id,
                 Errors* errors) {
  std::vector<bool> checked(column.names.size(), false);
  for (std::size_t row = 0; row < rows; ++row) {
    const std::int64_t code = column.codes[row];
    if (code < 0 || static_cast<std::uint64_t>(code) >= column.names.size()) {
      errors->Add(
          row, column.name,
          std::string("missing ") + column.name + "; expected a " + column.name + " in every row");
      continue;
    }
    const auto index = static_cast<std::size_t>(code);
    if (checked[index]) continue;
    checked[index] = true;
    const std::string& name = column.names[index];
    if (name.empty()) {
      errors->Add(row, column.name, std::string("empty ") + column.name);
    } else if (name.size() > max_bytes) {
      errors->Add(row, column.name,
                  std::string(column.name) + " is " + std::to_string(name.size()) +
                      " bytes, longer than the limit of " + std::to_string(max_bytes) +
                      (is_id ? " bytes for an id" : " bytes"));
    }
  }
}

struct AnswersStore {
  ClaimStore store;
  std::vector<std::int64_t> task_of_proposition;  // the task code of each proposition
  std::vector<std::int64_t> worker_of_outlet;     // the worker code of each outlet
  std::vector<std::int64_t> state_of_label;       // the state of each label code, -1 unused
  std::vector<Diagnostic> warnings;
};

AnswersStore Build(const Column& tasks, const Column& workers, const Column& labels,
                   std::size_t rows, DuplicateAnswers duplicates, const std::string& source) {
  const ReadOptions limits;
  Errors errors(source);
  if (rows == 0) {
    throw InputError(Diagnostic{Severity::kError,
                                {source, "", 0},
                                "no rows: the DataFrame holds no answer; expected task, worker, "
                                "label rows"});
  }
  CheckColumn(tasks, rows, limits.max_id_bytes, true, &errors);
  CheckColumn(workers, rows, limits.max_id_bytes, true, &errors);
  CheckColumn(labels, rows, limits.max_string_bytes, false, &errors);
  errors.ThrowIfAny();

  AnswersStore result;
  ClaimStoreBuilder builder(source, /*keep_records=*/false);
  builder.SetDaysAreFallback();
  builder.Reserve(rows);
  PredicateRecord label_predicate;
  label_predicate.id = "label";
  label_predicate.value_kind = ValueKind::kCategory;
  const std::uint32_t predicate = builder.AddPredicate(std::move(label_predicate));
  std::vector<std::uint32_t> proposition_of_task(tasks.names.size(), kNone);
  std::vector<std::uint32_t> outlet_of_worker(workers.names.size(), kNone);
  std::vector<bool> label_used(labels.names.size(), false);
  for (std::size_t row = 0; row < rows; ++row) {
    const auto task = static_cast<std::size_t>(tasks.codes[row]);
    const auto worker = static_cast<std::size_t>(workers.codes[row]);
    const auto label = static_cast<std::uint32_t>(labels.codes[row]);
    std::uint32_t& proposition = proposition_of_task[task];
    if (proposition == kNone) {
      proposition = builder.InternProposition(tasks.names[task], predicate);
      if (proposition == result.task_of_proposition.size()) {
        result.task_of_proposition.push_back(static_cast<std::int64_t>(task));
      }
    }
    std::uint32_t& outlet = outlet_of_worker[worker];
    if (outlet == kNone) {
      outlet = builder.InternOutlet(workers.names[worker], "worker");
      if (outlet == result.worker_of_outlet.size()) {
        result.worker_of_outlet.push_back(static_cast<std::int64_t>(worker));
      }
    }
    label_used[label] = true;
    builder.AddStateClaim(outlet, proposition, label, 0, 1.0F);
  }

  // Labels that normalise alike ("Yes", "yes ") are one value; the domain in byte order.
  std::vector<std::string> normalised(labels.names.size());
  std::vector<std::string> domain_text;
  for (std::size_t i = 0; i < labels.names.size(); ++i) {
    if (!label_used[i]) continue;
    normalised[i] = Value::Category(labels.names[i]).text();
    domain_text.push_back(normalised[i]);
  }
  std::sort(domain_text.begin(), domain_text.end());
  domain_text.erase(std::unique(domain_text.begin(), domain_text.end()), domain_text.end());
  std::vector<std::uint32_t> new_state_of(labels.names.size(), 0);
  result.state_of_label.assign(labels.names.size(), -1);
  for (std::size_t i = 0; i < labels.names.size(); ++i) {
    if (!label_used[i]) continue;
    new_state_of[i] = static_cast<std::uint32_t>(
        std::lower_bound(domain_text.begin(), domain_text.end(), normalised[i]) -
        domain_text.begin());
    result.state_of_label[i] = new_state_of[i];
  }
  std::vector<Value> domain;
  domain.reserve(domain_text.size());
  for (const std::string& text : domain_text) domain.push_back(Value::Category(text));
  builder.SetDomain(predicate, std::move(domain), new_state_of);

  // Claims are the rows in order, so a claim's index is its row. Repeated (task, worker) rows
  // follow `duplicates` as the crowd CSV reader's --duplicates does: every row is a vote
  // (the default), the first or the last answer of each pair is kept, or they are an error.
  const std::vector<ClaimStoreBuilder::Repeat> repeats = builder.FindRepeats();
  builder.SetClaimsIndependent();  // a repeated answer is one more vote, not a copy
  if (!repeats.empty() && duplicates != DuplicateAnswers::kError) {
    std::size_t conflicting = 0;
    for (const ClaimStoreBuilder::Repeat& repeat : repeats) conflicting += repeat.conflicting;
    std::string message = std::to_string(repeats.size()) +
                          (repeats.size() == 1 ? " repeated row" : " repeated rows") +
                          ": the (task, worker) pair of an earlier row again (" +
                          std::to_string(conflicting) +
                          " with a different answer; the first at row " +
                          std::to_string(repeats.front().later) + "): ";
    message += duplicates == DuplicateAnswers::kVote
                   ? "every row counts as a vote (duplicates=\"first\", \"last\" or \"error\" "
                     "reads them otherwise)"
               : duplicates == DuplicateAnswers::kFirst
                   ? "the first answer of each pair is kept, the later ones are left out"
                   : "the last answer of each pair is kept, the earlier ones are left out";
    result.warnings.push_back(
        {Severity::kWarning, {source, "/" + std::to_string(repeats.front().later), 0}, message});
  }
  if (!repeats.empty() &&
      (duplicates == DuplicateAnswers::kFirst || duplicates == DuplicateAnswers::kLast)) {
    // kFirst: every later answer of a pair goes; kLast: every answer of a pair but its last.
    // A pair's repeats all name its first answer.
    std::vector<std::uint32_t> removed;
    for (const ClaimStoreBuilder::Repeat& repeat : repeats) {
      removed.push_back(repeat.later);
      if (duplicates == DuplicateAnswers::kLast) removed.push_back(repeat.first);
    }
    if (duplicates == DuplicateAnswers::kLast) {
      std::vector<std::uint32_t> last_of_pair(rows, 0);  // by the pair's first answer
      for (const ClaimStoreBuilder::Repeat& repeat : repeats) {
        last_of_pair[repeat.first] = std::max(last_of_pair[repeat.first], repeat.later);
      }
      std::vector<bool> kept(rows, false);
      for (const ClaimStoreBuilder::Repeat& repeat : repeats)
        kept[last_of_pair[repeat.first]] = true;
      std::erase_if(removed, [&](std::uint32_t claim) { return kept[claim]; });
    }
    std::sort(removed.begin(), removed.end());
    removed.erase(std::unique(removed.begin(), removed.end()), removed.end());
    builder.RemoveClaims(removed);
  }
  result.store = std::move(builder).Finish("");
  if (!repeats.empty() && duplicates == DuplicateAnswers::kError) {
    const ClaimStore& store = result.store;
    for (const ClaimStoreBuilder::Repeat& repeat : repeats) {
      const std::uint32_t p = store.claim_proposition()[repeat.later];
      const std::string first = store.ValuesOf(p)[store.claim_state()[repeat.first]].ToDisplay();
      const std::string later = store.ValuesOf(p)[store.claim_state()[repeat.later]].ToDisplay();
      const std::string who = "worker \"" + store.outlets()[store.claim_outlet()[repeat.later]].id +
                              "\" labels task \"" + store.propositions()[p].subject + "\"";
      std::string message;
      if (repeat.conflicting) {
        message = "conflicting answers: " + who;
        message += " both \"" + first;
        message += "\" (row " + std::to_string(repeat.first);
        message += ") and \"" + later + "\"";
      } else {
        message = "repeated answer: " + who;
        message += " \"" + later;
        message += "\" again (first at row " + std::to_string(repeat.first) + ")";
      }
      message += "; duplicates=\"vote\", \"first\" or \"last\" reads such rows";
      errors.Add(repeat.later, "label", std::move(message));
    }
    errors.ThrowIfAny();
  }
  return result;
}

py::tuple StoreFromAnswers(const Codes& task_codes, const py::sequence& task_names,
                           const Codes& worker_codes, const py::sequence& worker_names,
                           const Codes& label_codes, const py::sequence& label_names,
                           const std::string& duplicates_name, const std::string& source) {
  const std::optional<DuplicateAnswers> duplicates = ParseDuplicateAnswers(duplicates_name);
  if (!duplicates) {
    throw std::invalid_argument("unknown duplicates \"" + duplicates_name +
                                "\"; known: vote, first, last, error");
  }
  const std::size_t rows = static_cast<std::size_t>(task_codes.size());
  if (worker_codes.size() != task_codes.size() || label_codes.size() != task_codes.size()) {
    throw std::invalid_argument("the task, worker and label columns differ in length");
  }
  const Column tasks{"task", task_codes.data(), NamesOf(task_names)};
  const Column workers{"worker", worker_codes.data(), NamesOf(worker_names)};
  const Column labels{"label", label_codes.data(), NamesOf(label_names)};
  AnswersStore built;
  {
    const py::gil_scoped_release release;
    built = Build(tasks, workers, labels, rows, *duplicates, source);
  }
  StoreHandle handle;
  handle.store = std::make_shared<const ClaimStore>(std::move(built.store));
  handle.format = InputFormat::kCrowdCsv;
  return py::make_tuple(std::move(handle), ToNumpy(std::move(built.task_of_proposition)),
                        ToNumpy(std::move(built.worker_of_outlet)),
                        ToNumpy(std::move(built.state_of_label)),
                        DiagnosticsToPython(built.warnings));
}

}  // namespace

void RegisterAnswers(py::module_& module) {
  module.def("store_from_answers", &StoreFromAnswers, py::arg("task_codes"), py::arg("task_names"),
             py::arg("worker_codes"), py::arg("worker_names"), py::arg("label_codes"),
             py::arg("label_names"), py::arg("duplicates"), py::arg("source"),
             "(Store, task code of each proposition, worker code of each outlet, state of each "
             "label code, warnings) from factorised task, worker and label columns.");
}

}  // namespace credence::python

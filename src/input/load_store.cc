// From a file to a claim store, whatever the format. Tabular data sets stream row by row into
// a ClaimStoreBuilder without per-claim records: interned ids and states only, so that a
// million-row crowd file loads in a fraction of a second and 1e8 rows fit in memory.
#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credence/input.h"
#include "input/delimited_reader.h"
#include "input/format_detection.h"
#include "input/input_source.h"
#include "input/jsonl_reader.h"
#include "input/read_input.h"
#include "input/repeated_answers.h"
#include "util/string_interner.h"

namespace credence {

namespace {

using input_internal::DelimitedReader;
using input_internal::InputSource;

bool AnyEmpty(std::span<const std::string_view> fields) {
  return std::any_of(fields.begin(), fields.end(),
                     [](std::string_view field) { return field.empty(); });
}

// Checks the field count, emptiness and lengths of the current row (`ids`: a bit per field that
// holds an id); records an error when wrong.
bool RowIsValid(DelimitedReader& reader, std::size_t columns, std::string_view layout, unsigned ids,
                const ReadOptions& options) {
  const auto fields = reader.fields();
  if (fields.size() != columns) {
    reader.Error(reader.line(), "expected " + std::to_string(columns) + " fields (" +
                                    std::string(layout) + "), found " +
                                    std::to_string(fields.size()));
    return false;
  }
  if (AnyEmpty(fields)) {
    reader.Error(reader.line(), "empty field; expected " + std::string(layout));
    return false;
  }
  for (std::size_t i = 0; i < columns; ++i) {
    const bool is_id = ((ids >> i) & 1U) != 0;
    const std::size_t limit = is_id ? options.max_id_bytes : options.max_string_bytes;
    if (fields[i].size() > limit) {
      reader.Error(reader.line(), "field " + std::to_string(i + 1) + " is " +
                                      std::to_string(fields[i].size()) +
                                      " bytes, longer than the limit of " + std::to_string(limit) +
                                      (is_id ? " bytes for an id" : " bytes"));
      return false;
    }
  }
  return true;
}

// Line numbers of claims, kept as the few places where lines and claims fall out of step (a
// header, blank lines, rejected rows) rather than one number per claim.
class ClaimLines {
 public:
  void Add(std::size_t claim, std::int64_t line) {
    if (steps_.empty() ||
        steps_.back().second + static_cast<std::int64_t>(claim - steps_.back().first) != line) {
      steps_.emplace_back(claim, line);
    }
  }
  std::int64_t Of(std::size_t claim) const {
    auto it = std::upper_bound(steps_.begin(), steps_.end(), claim,
                               [](std::size_t c, const auto& step) { return c < step.first; });
    --it;
    return it->second + static_cast<std::int64_t>(claim - it->first);
  }

 private:
  std::vector<std::pair<std::size_t, std::int64_t>> steps_;
};

[[noreturn]] void FailEmpty(const std::string& path, std::string_view layout) {
  throw InputError(Diagnostic{Severity::kError,
                              {path == "-" ? "<stdin>" : path, "", 0},
                              "no rows: the file is empty or holds only its header; expected " +
                                  std::string(layout) + " rows"});
}

// item,worker,label rows: one outlet per worker, one proposition per item, the labels a closed
// domain in byte order of their normalised text (so that state k is the same label on every
// item, as per-label models need). Claims are undated (1970-01-01, marked as a fallback).
ClaimStore LoadCrowd(InputSource& source, char separator, bool has_header,
                     const ReadOptions& options, std::vector<Diagnostic>* warnings) {
  const std::string& path = source.path();
  DelimitedReader reader(source, separator, options.max_line_bytes);
  ClaimStoreBuilder builder(path, /*keep_records=*/false);
  builder.SetDaysAreFallback();
  // A row takes at least 6 bytes ("a,b,c\n"); untouched capacity costs address space only.
  builder.Reserve(reader.size_hint() / 6);
  PredicateRecord label_predicate;
  label_predicate.id = "label";
  label_predicate.value_kind = ValueKind::kCategory;
  const std::uint32_t predicate = builder.AddPredicate(std::move(label_predicate));
  internal::StringInterner labels;  // as written; normalised at the end
  const std::string_view layout =
      separator == ',' ? "item,worker,label" : "item<TAB>worker<TAB>label";
  std::string last_item;
  std::uint32_t last_proposition = 0;
  ClaimLines lines;
  bool skip_header = has_header;
  while (reader.Next()) {
    if (skip_header) {
      skip_header = false;
      continue;
    }
    if (!RowIsValid(reader, 3, layout, 0b011U, options)) continue;
    const auto fields = reader.fields();
    lines.Add(builder.num_claims(), reader.line());
    // Answers usually come grouped by item: skip the lookup when the item repeats.
    if (fields[0] != last_item || builder.num_claims() == 0) {
      last_item.assign(fields[0]);
      last_proposition = builder.InternProposition(fields[0], predicate);
    }
    const std::uint32_t outlet = builder.InternOutlet(fields[1], "worker");
    builder.AddStateClaim(outlet, last_proposition, labels.Intern(fields[2]), 0, 1.0F);
  }
  reader.ThrowIfErrors();
  if (builder.num_claims() == 0) FailEmpty(path, layout);

  // Labels that normalise alike ("Yes", "yes ") are one value.
  std::vector<std::string> normalised(labels.size());
  for (std::uint32_t i = 0; i < labels.size(); ++i) {
    normalised[i] = Value::Category(labels.Get(i)).text();
  }
  std::vector<std::string> domain_text = normalised;
  std::sort(domain_text.begin(), domain_text.end());
  domain_text.erase(std::unique(domain_text.begin(), domain_text.end()), domain_text.end());
  std::vector<std::uint32_t> state_of_label(labels.size());
  for (std::uint32_t i = 0; i < labels.size(); ++i) {
    state_of_label[i] = static_cast<std::uint32_t>(
        std::lower_bound(domain_text.begin(), domain_text.end(), normalised[i]) -
        domain_text.begin());
  }
  std::vector<Value> domain;
  domain.reserve(domain_text.size());
  for (const std::string& text : domain_text) domain.push_back(Value::Category(text));
  builder.SetDomain(predicate, std::move(domain), state_of_label);
  return input_internal::FinishVotes(
      std::move(builder), options.duplicates, reader.Digest(), source.display_path(),
      [&lines](std::uint32_t claim) { return lines.Of(claim); }, input_internal::kCrowdNouns,
      warnings);
}

// Population claims: subject "ObjectID|PropertyID", exact value strings (the published
// majority-vote figure compares them as strings), one outlet per Wikipedia editor.
ClaimStore LoadPopulation(InputSource& source, const ReadOptions& options,
                          std::vector<Diagnostic>* warnings) {
  const std::string& path = source.path();
  DelimitedReader reader(source, ',', options.max_line_bytes);
  ClaimStoreBuilder builder(path, /*keep_records=*/false);
  builder.SetDaysAreFallback();
  PredicateRecord population;
  population.id = "population";
  population.value_kind = ValueKind::kCategory;
  const std::uint32_t predicate = builder.AddPredicate(std::move(population));
  const std::string_view layout =
      R"("ObjectID","PropertyID","PropertyValue","SourceID","TimeStamp")";
  bool header = true;
  std::string subject;
  ClaimLines lines;
  while (reader.Next()) {
    if (header) {
      header = false;
      continue;
    }
    if (!RowIsValid(reader, 5, layout, 0b01011U, options)) continue;
    const auto fields = reader.fields();
    lines.Add(builder.num_claims(), reader.line());
    subject.assign(fields[0]);
    subject += '|';
    subject += fields[1];
    const std::uint32_t proposition = builder.InternProposition(subject, predicate);
    const std::uint32_t outlet = builder.InternOutlet(fields[3], "editor");
    ClaimRecord claim;
    claim.value = Value::Category(fields[2]);
    claim.as_of = CivilFromDays(0);
    builder.AddClaim(std::move(claim), ClaimStore::kNotFound, outlet, outlet, proposition);
  }
  reader.ThrowIfErrors();
  if (builder.num_claims() == 0) FailEmpty(path, layout);
  return input_internal::FinishVotes(
      std::move(builder), options.duplicates, reader.Digest(), source.display_path(),
      [&lines](std::uint32_t claim) { return lines.Of(claim); }, input_internal::kPopulationNouns,
      warnings);
}

ClaimStore LoadFrom(InputSource& source, InputFormat format, const ReadOptions& options,
                    std::vector<Diagnostic>* warnings) {
  switch (format) {
    case InputFormat::kAuto:
      return LoadFrom(source, input_internal::DetectInputFormat(source), options, warnings);
    case InputFormat::kCrowdCsv:
      return LoadCrowd(source, ',', /*has_header=*/true, options, warnings);
    case InputFormat::kCrowdTsv:
      return LoadCrowd(source, '\t', /*has_header=*/false, options, warnings);
    case InputFormat::kPopulationCsv:
      return LoadPopulation(source, options, warnings);
    case InputFormat::kClaimsJsonl:
      return input_internal::LoadClaimsJsonl(source, options, warnings);
    case InputFormat::kClaimsJson:
    case InputFormat::kBookTsv:  // small (thousands of rows): read whole, then normalised
      break;
  }
  ClaimsDocument document = input_internal::ReadInputDocument(source, format, options);
  if (warnings != nullptr) {
    warnings->insert(warnings->end(), document.warnings.begin(), document.warnings.end());
  }
  return BuildClaimStore(std::move(document));
}

}  // namespace

ClaimStore LoadClaimStore(const std::string& path, InputFormat format, const ReadOptions& options,
                          std::vector<Diagnostic>* warnings, InputFormat* detected) {
  InputSource source(path);
  if (format == InputFormat::kAuto) format = input_internal::DetectInputFormat(source);
  if (detected != nullptr) *detected = format;
  std::vector<Diagnostic> found;
  ClaimStore store = LoadFrom(source, format, options, &found);
  ThrowIfStrict(found, options);
  if (warnings != nullptr) warnings->insert(warnings->end(), found.begin(), found.end());
  return store;
}

}  // namespace credence

// Gold files: the CSV a newsroom writes for its own claims (subject,predicate,value[,date]), and
// the public data sets' own gold files through ReadTruth.
#include <string>
#include <string_view>
#include <vector>

#include "credence/eval.h"
#include "input/delimited_reader.h"
#include "input/input_source.h"
#include "input/json_input.h"

namespace credence {
namespace {

constexpr std::string_view kGoldHeader = "subject,predicate,value[,date]";

std::string_view Trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// True when the header names the columns subject, predicate, value and, optionally, date.
bool IsGoldHeader(std::span<const std::string_view> fields) {
  constexpr std::string_view kColumns[] = {"subject", "predicate", "value", "date"};
  if (fields.size() != 3 && fields.size() != 4) return false;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (Lower(Trim(fields[i])) != kColumns[i]) return false;
  }
  return true;
}

std::vector<TruthRecord> ReadGoldCsv(const std::string& path) {
  using input_internal::Quote;
  const ReadOptions limits;
  input_internal::InputSource source(path);
  input_internal::DelimitedReader reader(source, ',', limits.max_line_bytes);
  const std::string shown = path == "-" ? "<stdin>" : path;
  // The header comes first; without it the file is some other file, and one error says so.
  const bool has_row = reader.Next();
  if (!has_row && reader.line() == 0) {
    throw InputError(Diagnostic{Severity::kError,
                                {shown, "", 0},
                                "no rows: the gold file is empty; expected the header " +
                                    std::string(kGoldHeader) + " and one row per gold value"});
  }
  if (!has_row || reader.line() != 1 || !IsGoldHeader(reader.fields())) {
    std::string found;
    if (has_row && reader.line() == 1) {
      for (std::string_view field : reader.fields()) {
        found += (found.empty() ? "" : ",") + std::string(field);
      }
    }
    throw InputError(
        Diagnostic{Severity::kError,
                   {shown, "", 1},
                   "expected the header " + std::string(kGoldHeader) +
                       (found.empty() ? " on the first line" : ", got " + Quote(found))});
  }
  const std::size_t columns = reader.fields().size();
  const std::string layout =
      columns == 3 ? "subject,predicate,value" : "subject,predicate,value,date";

  std::vector<TruthRecord> truth;
  while (reader.Next()) {
    const std::span<const std::string_view> fields = reader.fields();
    const std::int64_t line = reader.line();
    if (fields.size() != columns) {
      reader.Error(line, "expected " + std::to_string(columns) + " fields (" + layout +
                             "), found " + std::to_string(fields.size()));
      continue;
    }
    constexpr std::string_view kNames[] = {"subject", "predicate", "value", "date"};
    bool usable = true;
    for (std::size_t i = 0; i < 3; ++i) {
      const std::size_t limit = i == 1 ? limits.max_id_bytes : limits.max_string_bytes;
      if (Trim(fields[i]).empty()) {
        reader.Error(line, "empty field " + std::to_string(i + 1) + " (" + std::string(kNames[i]) +
                               "); expected " + layout);
        usable = false;
      } else if (fields[i].size() > limit) {
        reader.Error(line, "field " + std::to_string(i + 1) + " is " +
                               std::to_string(fields[i].size()) +
                               " bytes, longer than the limit of " + std::to_string(limit) +
                               " bytes for " + (i == 1 ? "an id" : "a string"));
        usable = false;
      }
    }
    TruthRecord record;
    record.subject = Trim(fields[0]);
    record.predicate = Trim(fields[1]);
    record.value = Trim(fields[2]);
    record.where = {shown, "", line};
    if (columns == 4 && !Trim(fields[3]).empty()) {
      const std::string_view text = Trim(fields[3]);
      std::string error;
      record.date = ParseIsoDate(text, &error);
      if (!record.date) {
        reader.Error(line, "field 4 (date): " + error);
        usable = false;
      } else if (record.date->year < limits.min_year || record.date->year > limits.max_year) {
        reader.Error(line, "field 4 (date): year " + std::to_string(record.date->year) +
                               " is outside the accepted range " + std::to_string(limits.min_year) +
                               ".." + std::to_string(limits.max_year));
        usable = false;
      }
    }
    if (usable) truth.push_back(std::move(record));
  }
  reader.ThrowIfErrors();
  if (truth.empty()) {
    throw InputError(Diagnostic{
        Severity::kError, {shown, "", 0}, "no rows: the gold file holds only its header"});
  }
  return truth;
}

}  // namespace

std::string_view GoldFormatOf(InputFormat format) {
  switch (format) {
    case InputFormat::kClaimsJson:
    case InputFormat::kClaimsJsonl:
      return "CSV with the header subject,predicate,value[,date]";
    case InputFormat::kCrowdCsv:
      return "question,truth CSV with a header";
    case InputFormat::kCrowdTsv:
      return "item<TAB>label";
    case InputFormat::kBookTsv:
      return "isbn<TAB>authors";
    case InputFormat::kPopulationCsv:
      return "\"ObjectID\",\"PropertyID\",value CSV with a header";
    case InputFormat::kAuto:
      break;
  }
  return {};
}

std::vector<TruthRecord> ReadGold(const std::string& path, InputFormat format) {
  if (format == InputFormat::kClaimsJson || format == InputFormat::kClaimsJsonl) {
    return ReadGoldCsv(path);
  }
  if (format == InputFormat::kAuto) {
    throw InputError(Diagnostic{Severity::kError,
                                {path, "", 0},
                                "the gold file's format follows the input's: detect or name the "
                                "input's format first"});
  }
  std::vector<TruthRecord> truth = ReadTruth(path, format);
  for (TruthRecord& record : truth) {
    if (record.where.file.empty()) record.where.file = path;
  }
  return truth;
}

}  // namespace credence

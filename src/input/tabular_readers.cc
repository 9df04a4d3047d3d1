// Importers for the public crowd and truth-discovery data sets: tabular rows become a claims
// document (one outlet per worker or source, one proposition per item, one category claim per
// row), so that every algorithm and the evaluation run on them unchanged.
#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "credence/error.h"
#include "credence/input.h"
#include "input/book_reader.h"
#include "input/csv.h"
#include "input/format_detection.h"
#include "input/input_source.h"
#include "input/read_input.h"
#include "input/repeated_answers.h"

namespace credence {

namespace {

constexpr std::size_t kMaxReportedErrors = 100;
constexpr std::string_view kLabelPredicate = "label";
constexpr std::string_view kPopulationPredicate = "population";

struct FormatName {
  InputFormat format;
  std::string_view name;
};
constexpr FormatName kFormatNames[] = {
    {InputFormat::kAuto, "auto"},
    {InputFormat::kClaimsJson, "json"},
    {InputFormat::kClaimsJsonl, "jsonl"},
    {InputFormat::kCrowdCsv, "crowd-csv"},
    {InputFormat::kCrowdTsv, "crowd-tsv"},
    {InputFormat::kBookTsv, "book"},
    {InputFormat::kPopulationCsv, "population"},
};

// One row of a tabular file: its fields and its 1-based line number.
struct Row {
  std::vector<std::string> fields;
  std::int64_t line = 0;
};

// Splits the file into rows, skipping blank lines; collects malformed lines as errors.
class TableReader {
 public:
  TableReader(input_internal::InputSource& source, char separator, std::size_t max_bytes)
      : path_(source.display_path()), separator_(separator) {
    bytes_ = source.ReadAll(max_bytes);
    std::string_view text = bytes_;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::int64_t line_number = 0;
    std::string error;
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      Row row;
      row.line = line_number;
      if (!input_internal::SplitRecord(line, separator_, &row.fields, &error)) {
        Error(line_number, error);
        continue;
      }
      rows_.push_back(std::move(row));
    }
  }

  const std::string& bytes() const { return bytes_; }
  std::vector<Row>& rows() { return rows_; }

  void Error(std::int64_t line, std::string message) {
    if (errors_.size() < kMaxReportedErrors) {
      errors_.push_back({Severity::kError, {path_, "", line}, std::move(message)});
    }
  }

  // Checks that every row from `first` on has `columns` non-empty fields.
  void RequireColumns(std::size_t first, std::size_t columns, std::string_view layout) {
    for (std::size_t r = first; r < rows_.size(); ++r) {
      const Row& row = rows_[r];
      if (row.fields.size() != columns) {
        Error(row.line, "expected " + std::to_string(columns) + " fields (" + std::string(layout) +
                            "), found " + std::to_string(row.fields.size()));
      } else if (std::any_of(row.fields.begin(), row.fields.end(),
                             [](const std::string& f) { return f.empty(); })) {
        Error(row.line, "empty field; expected " + std::string(layout));
      }
    }
  }

  void ThrowIfErrors() {
    if (!errors_.empty()) throw InputError(std::move(errors_));
  }

 private:
  std::string path_;
  char separator_;
  std::string bytes_;
  std::vector<Row> rows_;
  std::vector<Diagnostic> errors_;
};

// Builds the claims document of (item, source, label) triples: one article per source, holding
// its claims in file order. A repeated (item, source) pair follows options.duplicates as the
// streaming loaders do (input/repeated_answers.h): kept answers after the first get ids
// suffixed "#2", "#3", ... Claims carry no time: all are dated 1970-01-01.
class TripleDocument {
 public:
  TripleDocument(const std::string& path, const std::string& bytes, std::string predicate,
                 std::string source_kind, bool closed_domain, DuplicateAnswers duplicates,
                 const input_internal::RowNouns& nouns)
      : predicate_(std::move(predicate)),
        source_kind_(std::move(source_kind)),
        closed_domain_(closed_domain),
        duplicates_(duplicates),
        nouns_(nouns),
        display_path_(path == "-" ? "<stdin>" : path) {
    document_.source = path;
    document_.input_digest = Sha256Digest(bytes);
    document_.claims_are_independent = true;
  }

  void Add(const std::string& item, const std::string& source, const std::string& label,
           std::int64_t line) {
    const auto [it, inserted] = article_of_source_.try_emplace(source, document_.articles.size());
    if (inserted) {
      document_.outlets.push_back({source, source, source_kind_});
      ArticleRecord article;
      article.id = source_kind_ + ":" + source;
      article.outlet = source;
      document_.articles.push_back(std::move(article));
    }
    ClaimRecord claim;
    claim.subject = item;
    claim.predicate = predicate_;
    claim.value = Value::Category(label);
    claim.as_of = CivilFromDays(0);
    std::vector<ClaimRecord>& claims = document_.articles[it->second].claims;
    auto [pair, first] = pairs_.try_emplace({item, source});
    Pair& answers = pair->second;
    if (!first) {
      ++repeats_;
      if (first_repeat_line_ == 0) first_repeat_line_ = line;
      const bool conflicting = claim.value.text() != answers.first_answer;
      conflicting_ += conflicting ? 1 : 0;
      switch (duplicates_) {
        case DuplicateAnswers::kVote:
          break;
        case DuplicateAnswers::kFirst:
          return;
        case DuplicateAnswers::kLast:
          claims[answers.kept].id.clear();  // removed in Finish
          break;
        case DuplicateAnswers::kError:
          if (errors_.size() < 100) {
            errors_.push_back(input_internal::RepeatedRowError(
                display_path_, line, source, item, answers.first_answer, answers.first_line,
                claim.value.text(), nouns_));
          }
          ++error_count_;
          return;
      }
    } else {
      answers.first_answer = claim.value.text();
      answers.first_line = line;
    }
    ++answers.count;
    claim.id = item + "/" + source;
    if (duplicates_ == DuplicateAnswers::kVote && answers.count > 1) {
      claim.id += "#" + std::to_string(answers.count);
    }
    answers.kept = claims.size();
    labels_.insert(claim.value.text());
    claims.push_back(std::move(claim));
  }

  ClaimsDocument Finish() {
    if (!errors_.empty()) {
      if (error_count_ > errors_.size()) {
        errors_.push_back(Diagnostic{
            Severity::kError, Location{display_path_, "", 0},
            "... and " + std::to_string(error_count_ - errors_.size()) + " more errors"});
      }
      throw InputError(std::move(errors_));
    }
    if (repeats_ > 0) {
      document_.warnings.push_back(input_internal::RepeatedRowsWarning(
          display_path_, repeats_, conflicting_, first_repeat_line_, duplicates_, nouns_));
    }
    if (duplicates_ == DuplicateAnswers::kLast) {
      for (ArticleRecord& article : document_.articles) {
        std::erase_if(article.claims, [](const ClaimRecord& claim) { return claim.id.empty(); });
      }
    }
    PredicateRecord predicate;
    predicate.id = predicate_;
    predicate.value_kind = ValueKind::kCategory;
    // A closed domain in byte order makes state k mean the same label on every item, which
    // per-label models (Dawid-Skene's confusion matrices, class priors) rely on.
    if (closed_domain_) {
      for (const std::string& label : labels_) predicate.domain.push_back(Value::Category(label));
    }
    document_.predicates.push_back(std::move(predicate));
    return std::move(document_);
  }

 private:
  struct Pair {
    std::string first_answer;  // normalised
    std::int64_t first_line = 0;
    std::size_t kept = 0;  // the pair's last kept claim, in its article
    int count = 0;         // answers kept
  };
  std::string predicate_;
  std::string source_kind_;
  bool closed_domain_;
  DuplicateAnswers duplicates_;
  input_internal::RowNouns nouns_;
  std::string display_path_;
  ClaimsDocument document_;
  std::unordered_map<std::string, std::size_t> article_of_source_;
  std::map<std::pair<std::string, std::string>, Pair> pairs_;
  std::set<std::string> labels_;
  std::size_t repeats_ = 0;
  std::size_t conflicting_ = 0;
  std::int64_t first_repeat_line_ = 0;
  std::vector<Diagnostic> errors_;
  std::size_t error_count_ = 0;
};

ClaimsDocument ReadCrowd(input_internal::InputSource& source, char separator, bool has_header,
                         const ReadOptions& options) {
  TableReader table(source, separator, options.max_input_bytes);
  const std::size_t first = has_header ? 1 : 0;
  table.RequireColumns(first, 3,
                       separator == ',' ? "item,worker,label" : "item<TAB>worker<TAB>label");
  table.ThrowIfErrors();
  TripleDocument document(source.path(), table.bytes(), std::string(kLabelPredicate), "worker",
                          true, options.duplicates, input_internal::kCrowdNouns);
  for (std::size_t r = first; r < table.rows().size(); ++r) {
    const auto& fields = table.rows()[r].fields;
    document.Add(fields[0], fields[1], fields[2], table.rows()[r].line);
  }
  return document.Finish();
}

// Population claims: subject "ObjectID|PropertyID", exact value strings (the published
// majority-vote figure compares them as strings), one outlet per Wikipedia editor.
ClaimsDocument ReadPopulation(input_internal::InputSource& source, const ReadOptions& options) {
  TableReader table(source, ',', options.max_input_bytes);
  table.RequireColumns(1, 5,
                       "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"");
  table.ThrowIfErrors();
  TripleDocument document(source.path(), table.bytes(), std::string(kPopulationPredicate), "editor",
                          false, options.duplicates, input_internal::kPopulationNouns);
  for (std::size_t r = 1; r < table.rows().size(); ++r) {
    const auto& fields = table.rows()[r].fields;
    document.Add(fields[0] + "|" + fields[1], fields[3], fields[2], table.rows()[r].line);
  }
  return document.Finish();
}

}  // namespace

std::string_view ToString(InputFormat format) {
  for (const FormatName& entry : kFormatNames) {
    if (entry.format == format) return entry.name;
  }
  return "unknown";
}

std::optional<InputFormat> ParseInputFormat(std::string_view name) {
  for (const FormatName& entry : kFormatNames) {
    if (entry.name == name) return entry.format;
  }
  return std::nullopt;
}

namespace input_internal {

ClaimsDocument ReadInputDocument(InputSource& source, InputFormat format,
                                 const ReadOptions& options) {
  switch (format) {
    case InputFormat::kAuto:
      return ReadInputDocument(source, DetectInputFormat(source), options);
    case InputFormat::kClaimsJson:
      return ParseClaimsDocument(source.ReadAll(options.max_input_bytes), source.path(), options);
    case InputFormat::kClaimsJsonl:
      throw InputError(Diagnostic{Severity::kError,
                                  {source.display_path(), "", 0},
                                  "JSON Lines load straight into a claim store (LoadClaimStore); "
                                  "they are not read as a claims document"});
    case InputFormat::kCrowdCsv:
      return ReadCrowd(source, ',', /*has_header=*/true, options);
    case InputFormat::kCrowdTsv:
      return ReadCrowd(source, '\t', /*has_header=*/false, options);
    case InputFormat::kPopulationCsv:
      return ReadPopulation(source, options);
    case InputFormat::kBookTsv:
      return ParseBookAuthor(source.ReadAll(options.max_input_bytes), source.path(), options);
  }
  throw InputError(
      Diagnostic{Severity::kError, {source.display_path(), "", 0}, "unknown input format"});
}

}  // namespace input_internal

ClaimsDocument ReadInput(const std::string& path, InputFormat format, const ReadOptions& options) {
  input_internal::InputSource source(path);
  ClaimsDocument document = input_internal::ReadInputDocument(source, format, options);
  ThrowIfStrict(document.warnings, options);
  return document;
}

std::vector<TruthRecord> ReadTruth(const std::string& path, InputFormat format) {
  input_internal::InputSource source(path);
  if (format == InputFormat::kAuto) format = input_internal::DetectInputFormat(source);
  char separator = ',';
  std::size_t first = 1;
  std::size_t columns = 2;
  std::string predicate(kLabelPredicate);
  switch (format) {
    case InputFormat::kCrowdCsv:
      break;
    case InputFormat::kCrowdTsv:
      separator = '\t';
      first = 0;
      break;
    case InputFormat::kPopulationCsv:
      columns = 3;
      predicate = kPopulationPredicate;
      break;
    case InputFormat::kBookTsv:
      return input_internal::ParseBookTruth(source.ReadAll(ReadOptions{}.max_input_bytes), path);
    case InputFormat::kAuto:
    case InputFormat::kClaimsJson:
    case InputFormat::kClaimsJsonl:
      throw InputError(Diagnostic{
          Severity::kError,
          {path, "", 0},
          "gold files are read for the crowd-csv, crowd-tsv, population and book formats only"});
  }
  TableReader table(source, separator, ReadOptions{}.max_input_bytes);
  table.RequireColumns(first, columns,
                       columns == 2 ? "item, truth" : "ObjectID, PropertyID, value");
  table.ThrowIfErrors();
  std::vector<TruthRecord> truth;
  // One gold value per item: a repeat must agree with the first.
  std::unordered_map<std::string, std::pair<std::string, std::int64_t>> seen;
  for (std::size_t r = first; r < table.rows().size(); ++r) {
    const auto& fields = table.rows()[r].fields;
    TruthRecord record;
    record.subject = columns == 2 ? fields[0] : fields[0] + "|" + fields[1];
    record.predicate = predicate;
    record.value = Value::Category(fields[columns - 1]).ToDisplay();
    const auto [it, inserted] =
        seen.try_emplace(record.subject, record.value, table.rows()[r].line);
    if (!inserted) {
      if (it->second.first != record.value) {
        table.Error(table.rows()[r].line, "conflicting truths for item \"" + record.subject +
                                              "\": \"" + it->second.first + "\" (line " +
                                              std::to_string(it->second.second) + ") and \"" +
                                              record.value + "\"");
      }
      continue;
    }
    truth.push_back(std::move(record));
  }
  table.ThrowIfErrors();
  if (truth.empty()) {
    throw InputError(Diagnostic{Severity::kError,
                                {path, "", 0},
                                "no rows: the gold file is empty or holds only its header"});
  }
  return truth;
}

}  // namespace credence

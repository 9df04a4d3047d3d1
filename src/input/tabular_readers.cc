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
  TableReader(std::string path, char separator) : path_(std::move(path)), separator_(separator) {
    bytes_ = ReadInputBytes(path_, ReadOptions{}.max_input_bytes);
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
// its claims in file order; a repeated (item, source) pair keeps every answer, the later ones
// with ids suffixed "#2", "#3", ... Claims carry no time: all are dated 1970-01-01.
class TripleDocument {
 public:
  TripleDocument(const std::string& path, const std::string& bytes, std::string predicate,
                 std::string source_kind, bool closed_domain)
      : predicate_(std::move(predicate)),
        source_kind_(std::move(source_kind)),
        closed_domain_(closed_domain) {
    document_.source = path;
    document_.input_digest = Sha256Digest(bytes);
  }

  void Add(const std::string& item, const std::string& source, const std::string& label) {
    const auto [it, inserted] = article_of_source_.try_emplace(source, document_.articles.size());
    if (inserted) {
      document_.outlets.push_back({source, source, source_kind_});
      ArticleRecord article;
      article.id = source_kind_ + ":" + source;
      article.outlet = source;
      document_.articles.push_back(std::move(article));
    }
    const int repeat = ++answers_of_pair_[{item, source}];
    ClaimRecord claim;
    claim.id = item + "/" + source + (repeat > 1 ? "#" + std::to_string(repeat) : "");
    claim.subject = item;
    claim.predicate = predicate_;
    claim.value = Value::Category(label);
    claim.as_of = CivilFromDays(0);
    labels_.insert(claim.value.text());
    document_.articles[it->second].claims.push_back(std::move(claim));
  }

  ClaimsDocument Finish() {
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
  std::string predicate_;
  std::string source_kind_;
  bool closed_domain_;
  ClaimsDocument document_;
  std::unordered_map<std::string, std::size_t> article_of_source_;
  std::map<std::pair<std::string, std::string>, int> answers_of_pair_;
  std::set<std::string> labels_;
};

ClaimsDocument ReadCrowd(const std::string& path, char separator, bool has_header) {
  TableReader table(path, separator);
  const std::size_t first = has_header ? 1 : 0;
  table.RequireColumns(first, 3,
                       separator == ',' ? "item,worker,label" : "item<TAB>worker<TAB>label");
  table.ThrowIfErrors();
  TripleDocument document(path, table.bytes(), std::string(kLabelPredicate), "worker", true);
  for (std::size_t r = first; r < table.rows().size(); ++r) {
    const auto& fields = table.rows()[r].fields;
    document.Add(fields[0], fields[1], fields[2]);
  }
  return document.Finish();
}

// Population claims: subject "ObjectID|PropertyID", exact value strings (the published
// majority-vote figure compares them as strings), one outlet per Wikipedia editor.
ClaimsDocument ReadPopulation(const std::string& path) {
  TableReader table(path, ',');
  table.RequireColumns(1, 5,
                       "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"");
  table.ThrowIfErrors();
  TripleDocument document(path, table.bytes(), std::string(kPopulationPredicate), "editor", false);
  for (std::size_t r = 1; r < table.rows().size(); ++r) {
    const auto& fields = table.rows()[r].fields;
    document.Add(fields[0] + "|" + fields[1], fields[3], fields[2]);
  }
  return document.Finish();
}

// The first non-blank line, read from at most the first MiB: detection must not read a large
// file whole.
std::string FirstLine(const std::string& path) {
  constexpr std::size_t kMaxPrefix = std::size_t{1} << 20;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw InputError(
        Diagnostic{Severity::kError, {path, "", 0}, "cannot read the input: it is a directory"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(Diagnostic{Severity::kError,
                                {path, "", 0},
                                std::string("cannot open the input: ") + std::strerror(errno)});
  }
  std::string bytes(kMaxPrefix, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  text.remove_prefix(start);
  std::string_view line = text.substr(0, text.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return std::string(line);
}

// A JSON Lines header: a whole object on one line whose "credence" member is a version string,
// without the "articles" that a claims document written on one line would have.
bool IsJsonlHeader(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (!line.starts_with('{') || !line.ends_with('}')) return false;
  if (line.find("\"articles\"") != std::string_view::npos) return false;
  const std::size_t key = line.find("\"credence\"");
  if (key == std::string_view::npos) return false;
  std::string_view rest = line.substr(key + std::string_view("\"credence\"").size());
  const auto skip_blanks = [&rest] {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  };
  skip_blanks();
  if (!rest.starts_with(':')) return false;
  rest.remove_prefix(1);
  skip_blanks();
  return rest.starts_with('"');
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

InputFormat DetectInputFormat(const std::string& path) {
  // JSON Lines by name, or by a first line that is a whole object: a document's first line is
  // "{" or an unfinished object.
  if (path.ends_with(".jsonl") || path.ends_with(".ndjson")) return InputFormat::kClaimsJsonl;
  const std::string line = FirstLine(path);
  if (IsJsonlHeader(line)) return InputFormat::kClaimsJsonl;
  if (!line.empty() && (line[0] == '{' || line[0] == '[')) return InputFormat::kClaimsJson;
  if (line.rfind("\"ObjectID\"", 0) == 0) return InputFormat::kPopulationCsv;
  if (std::count(line.begin(), line.end(), '\t') == 2) return InputFormat::kCrowdTsv;
  if (std::count(line.begin(), line.end(), '\t') == 3) return InputFormat::kBookTsv;
  if (std::count(line.begin(), line.end(), ',') == 2) return InputFormat::kCrowdCsv;
  throw InputError(Diagnostic{Severity::kError,
                              {path, "", 1},
                              "cannot tell the format from the first line; expected a claims "
                              "document (JSON), JSON Lines, item,worker,label CSV, "
                              "item<TAB>worker<TAB>label, the Book-Author TSV or the population "
                              "CSV; name it with --format"});
}

ClaimsDocument ReadInput(const std::string& path, InputFormat format, const ReadOptions& options) {
  switch (format) {
    case InputFormat::kAuto:
      return ReadInput(path, DetectInputFormat(path), options);
    case InputFormat::kClaimsJson:
      return ReadClaimsDocument(path, options);
    case InputFormat::kClaimsJsonl:
      throw InputError(Diagnostic{Severity::kError,
                                  {path, "", 0},
                                  "JSON Lines load straight into a claim store (LoadClaimStore); "
                                  "they are not read as a claims document"});
    case InputFormat::kCrowdCsv:
      return ReadCrowd(path, ',', /*has_header=*/true);
    case InputFormat::kCrowdTsv:
      return ReadCrowd(path, '\t', /*has_header=*/false);
    case InputFormat::kPopulationCsv:
      return ReadPopulation(path);
    case InputFormat::kBookTsv:
      return input_internal::ReadBookAuthor(path, options);
  }
  throw InputError(Diagnostic{Severity::kError, {path, "", 0}, "unknown input format"});
}

std::vector<TruthRecord> ReadTruth(const std::string& path, InputFormat format) {
  if (format == InputFormat::kAuto) format = DetectInputFormat(path);
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
      return input_internal::ReadBookTruth(path);
    case InputFormat::kAuto:
    case InputFormat::kClaimsJson:
    case InputFormat::kClaimsJsonl:
      throw InputError(Diagnostic{
          Severity::kError,
          {path, "", 0},
          "gold files are read for the crowd-csv, crowd-tsv, population and book formats only"});
  }
  TableReader table(path, separator);
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

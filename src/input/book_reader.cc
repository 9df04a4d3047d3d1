// Book-Author importer: raw author strings from 895 bookstores, normalised to sets of surnames
// so that stores listing the same authors differently make the same claim.
#include "input/book_reader.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "credence/error.h"
#include "credence/value.h"
#include "util/utf8.h"

namespace credence::input_internal {

namespace {

constexpr std::string_view kAuthorsPredicate = "authors";
constexpr std::size_t kMaxReportedErrors = 100;

// Named entities seen in the data; any other "&name;" is dropped, numeric ones become their
// ASCII letter when they are one.
std::string DecodeEntities(std::string_view text) {
  static const std::map<std::string, std::string, std::less<>> kNamed = {
      {"amp", "&"}, {"quot", "\""}, {"apos", "'"}, {"lt", "<"}, {"gt", ">"}, {"nbsp", " "}};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      const std::size_t end = text.find(';', i);
      if (end != std::string_view::npos && end - i <= 10 && end > i + 1) {
        const std::string_view name = text.substr(i + 1, end - i - 1);
        if (std::all_of(name.begin(), name.end(),
                        [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }) ||
            name[0] == '#') {
          if (const auto it = kNamed.find(name); it != kNamed.end()) {
            out += it->second;
          } else if (name[0] != '#' && name.size() > 1) {
            // "&oacute;" -> "o": the base letter of an accented one.
            out += name[0];
          }
          i = end;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0) {
      word += static_cast<char>(std::tolower(u));
    } else if (c == '\'' || c == '-' || c == '.') {
      // Apostrophes and hyphens join ("o'leary"); periods end initials.
      if (c == '.' && !word.empty()) {
        words.push_back(word);
        word.clear();
      }
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

bool IsSuffix(const std::string& word) {
  return word == "jr" || word == "sr" || word == "ii" || word == "iii" || word == "phd" ||
         word == "md";
}

std::string Surname(const std::vector<std::string>& words, bool last_first) {
  if (words.empty()) return {};
  if (last_first) return words.front();
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    if (!IsSuffix(*it)) return *it;
  }
  return words.back();
}

std::vector<std::string> SplitOn(std::string_view text, std::string_view separators) {
  std::vector<std::string> parts;
  std::string part;
  for (const char c : text) {
    if (separators.find(c) != std::string_view::npos) {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  return parts;
}

void AddSurnamesOfPiece(std::string_view piece, std::set<std::string>* surnames) {
  std::vector<std::string> parts = SplitOn(piece, ",");
  std::vector<std::vector<std::string>> words;
  for (const std::string& part : parts) {
    std::vector<std::string> w = Words(part);
    // Drop suffix-only parts ("Smith, John, Jr.").
    if (!w.empty() && !(w.size() == 1 && IsSuffix(w[0]))) words.push_back(std::move(w));
  }
  if (words.empty()) return;
  if (words.size() == 1) {
    surnames->insert(Surname(words[0], false));
    return;
  }
  const bool all_full_names =
      std::all_of(words.begin(), words.end(), [](const auto& w) { return w.size() >= 2; });
  if (all_full_names) {
    for (const auto& w : words) surnames->insert(Surname(w, false));
    return;
  }
  // "Last, First, Last, First": surnames at even positions.
  for (std::size_t i = 0; i < words.size(); i += 2) surnames->insert(Surname(words[i], true));
}

}  // namespace

std::string NormalizeAuthorList(std::string_view raw) {
  std::string text = DecodeEntities(raw);
  // Role tags: "(Author)", "(Edt)", "(Illustrator)".
  std::string untagged;
  int depth = 0;
  for (const char c : text) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      depth = std::max(0, depth - 1);
    } else if (depth == 0) {
      untagged += c;
    }
  }
  // " and " becomes a separator.
  std::string lowered;
  for (const char c : untagged)
    lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string separated;
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    if (lowered.compare(i, 5, " and ") == 0) {
      separated += ';';
      i += 4;
    } else {
      separated += lowered[i];
    }
  }
  if (Words(separated) == std::vector<std::string>{"not", "available"}) return {};
  std::set<std::string> surnames;
  for (const std::string& piece : SplitOn(separated, ";/&")) AddSurnamesOfPiece(piece, &surnames);
  std::string out;
  for (const std::string& surname : surnames) {
    if (!out.empty()) out += "; ";
    out += surname;
  }
  return out;
}

namespace {

struct Line {
  std::string_view text;
  std::int64_t number = 0;
};

void AddError(std::vector<Diagnostic>* errors, const std::string& path, std::int64_t line,
              std::string message) {
  if (errors->size() < kMaxReportedErrors) {
    errors->push_back({Severity::kError, {path, "", line}, std::move(message)});
  }
}

// The non-blank lines of `bytes`, without a BOM or CR; lines over the length limit or not UTF-8
// are reported and left out.
std::vector<Line> Lines(std::string_view bytes, const std::string& path, const ReadOptions& options,
                        std::vector<Diagnostic>* errors) {
  std::vector<Line> lines;
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::int64_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (line.size() > options.max_line_bytes) {
      AddError(
          errors, path, number,
          "line longer than the limit of " + std::to_string(options.max_line_bytes) + " bytes");
      continue;
    }
    if (const std::size_t bad = internal::InvalidUtf8At(line); bad != std::string_view::npos) {
      AddError(
          errors, path, number,
          "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the line; expected UTF-8 text");
      continue;
    }
    lines.push_back({line, number});
  }
  return lines;
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const std::size_t tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return fields;
}

// Checks that no id field (the first `id_fields`) is longer than an id may be, nor any other
// field longer than a string may be; reports the first that is.
bool FieldsWithinLimits(const std::vector<std::string_view>& fields, std::size_t id_fields,
                        const ReadOptions& options, const std::string& path, std::int64_t line,
                        std::vector<Diagnostic>* errors) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const bool is_id = i < id_fields;
    const std::size_t limit = is_id ? options.max_id_bytes : options.max_string_bytes;
    if (fields[i].size() > limit) {
      AddError(errors, path, line,
               "field " + std::to_string(i + 1) + " is " + std::to_string(fields[i].size()) +
                   " bytes, longer than the limit of " + std::to_string(limit) +
                   (is_id ? " bytes for an id" : " bytes"));
      return false;
    }
  }
  return true;
}

[[noreturn]] void FailEmpty(const std::string& path, std::string_view what) {
  throw InputError(Diagnostic{Severity::kError, {path, "", 0}, std::string(what)});
}

}  // namespace

ClaimsDocument ReadBookAuthor(const std::string& path, const ReadOptions& options) {
  return ParseBookAuthor(ReadInputBytes(path, options.max_input_bytes), path, options);
}

ClaimsDocument ParseBookAuthor(std::string_view bytes, const std::string& path,
                               const ReadOptions& options) {
  ClaimsDocument document;
  document.source = path;
  document.input_digest = Sha256Digest(bytes);
  std::vector<Diagnostic> errors;
  std::unordered_map<std::string, std::size_t> article_of_store;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> lists_of_pair;
  for (const Line& line : Lines(bytes, path, options, &errors)) {
    const std::vector<std::string_view> fields = Fields(line.text);
    // A trailing empty author field may have lost its tab; three fields mean "no authors".
    if (fields.size() != 4 && fields.size() != 3) {
      AddError(&errors, path, line.number,
               "expected 4 TAB-separated fields (store, isbn, title, authors), found " +
                   std::to_string(fields.size()));
      continue;
    }
    if (fields[0].empty() || fields[1].empty()) {
      AddError(&errors, path, line.number, "empty store or isbn field");
      continue;
    }
    if (!FieldsWithinLimits(fields, 2, options, path, line.number, &errors)) continue;
    if (fields.size() == 3) continue;
    const std::string authors = NormalizeAuthorList(fields[3]);
    if (authors.empty()) continue;
    const std::string store(fields[0]);
    const std::string isbn(fields[1]);
    auto& lists = lists_of_pair[{isbn, store}];
    if (!lists.insert(authors).second) continue;
    const auto [it, inserted] = article_of_store.try_emplace(store, document.articles.size());
    if (inserted) {
      document.outlets.push_back({store, store, "store"});
      ArticleRecord article;
      article.id = "store:" + store;
      article.outlet = store;
      document.articles.push_back(std::move(article));
    }
    ClaimRecord claim;
    claim.id = isbn;
    claim.id += '/';
    claim.id += store;
    if (lists.size() > 1) claim.id += "#" + std::to_string(lists.size());
    claim.subject = isbn;
    claim.predicate = kAuthorsPredicate;
    claim.value = Value::Category(authors);
    claim.as_of = CivilFromDays(0);
    document.articles[it->second].claims.push_back(std::move(claim));
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  if (document.NumClaims() == 0) {
    FailEmpty(path,
              "no claims: the file is empty or no row names an author; expected "
              "store<TAB>isbn<TAB>title<TAB>authors rows");
  }
  PredicateRecord predicate;
  predicate.id = kAuthorsPredicate;
  predicate.value_kind = ValueKind::kCategory;
  predicate.description = "author surnames, normalised";
  document.predicates.push_back(std::move(predicate));
  return document;
}

std::vector<TruthRecord> ReadBookTruth(const std::string& path, const ReadOptions& options) {
  return ParseBookTruth(ReadInputBytes(path, options.max_input_bytes), path, options);
}

std::vector<TruthRecord> ParseBookTruth(std::string_view bytes, const std::string& path,
                                        const ReadOptions& options) {
  std::vector<Diagnostic> errors;
  std::vector<TruthRecord> truth;
  // The line each isbn's truth came from, to name both lines when a later one disagrees.
  std::unordered_map<std::string, std::pair<std::int64_t, std::size_t>> first_of_isbn;
  for (const Line& line : Lines(bytes, path, options, &errors)) {
    const std::vector<std::string_view> fields = Fields(line.text);
    if (fields.size() != 2) {
      AddError(&errors, path, line.number,
               "expected 2 TAB-separated fields (isbn, authors), found " +
                   std::to_string(fields.size()));
      continue;
    }
    if (fields[0].empty()) {
      AddError(&errors, path, line.number, "empty isbn field");
      continue;
    }
    if (!FieldsWithinLimits(fields, 1, options, path, line.number, &errors)) continue;
    const std::string authors = NormalizeAuthorList(fields[1]);
    if (authors.empty()) {
      AddError(&errors, path, line.number, "the gold author list names nobody");
      continue;
    }
    TruthRecord record{std::string(fields[0]), std::string(kAuthorsPredicate),
                       Value::Category(authors).ToDisplay()};
    const auto [it, inserted] =
        first_of_isbn.try_emplace(record.subject, line.number, truth.size());
    if (!inserted) {
      // The same list again is harmless; a different one leaves the truth undefined.
      if (truth[it->second.second].value != record.value) {
        AddError(&errors, path, line.number,
                 "conflicting truths for isbn \"" + record.subject + "\": line " +
                     std::to_string(it->second.first) + " gives " + truth[it->second.second].value +
                     ", this line " + record.value);
      }
      continue;
    }
    truth.push_back(std::move(record));
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  if (truth.empty()) {
    FailEmpty(path, "no rows: the gold file is empty; expected isbn<TAB>authors rows");
  }
  return truth;
}

}  // namespace credence::input_internal

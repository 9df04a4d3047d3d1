#include "input/jsonl_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "credence/value.h"
#include "input/input_source.h"
#include "input/known_keys.h"
#include "input/sha256_stream.h"
#include "input/unit_check.h"
#include "util/id_index.h"

namespace credence::input_internal {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxKeptErrors = 100;
constexpr std::string_view kDateFormats = "an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)";

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  out += text;
  out += '"';
  return out;
}

// "a string \"x\"", "a number 3", "true", "an object"... for messages.
std::string Describe(element value) {
  std::string text = simdjson::minify(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  switch (value.type()) {
    case element_type::OBJECT:
      return "an object " + text;
    case element_type::ARRAY:
      return "an array " + text;
    case element_type::STRING:
      return "a string " + text;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number " + text;
    case element_type::BOOL:
      return "the boolean " + text;
    case element_type::NULL_VALUE:
      return "null";
  }
  return text;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  });
}

// Lines of a file read in fixed-size blocks, each line followed in memory by at least
// SIMDJSON_PADDING readable bytes so that simdjson parses it in place. Digests as it goes.
class LineStreamer {
 public:
  LineStreamer(InputSource& source, std::size_t max_line_bytes)
      : source_(source), max_line_bytes_(max_line_bytes) {
    capacity_ = std::min(kBlockBytes, max_line_bytes_ + 2);
    buffer_.resize(capacity_ + simdjson::SIMDJSON_PADDING);
  }
  ~LineStreamer() = default;
  LineStreamer(const LineStreamer&) = delete;
  LineStreamer& operator=(const LineStreamer&) = delete;

  // The next line without its end of line (and, on line 1, without a UTF-8 BOM).
  bool Next(std::string_view* line) {
    for (;;) {
      const char* start = buffer_.data() + begin_;
      const void* newline = std::memchr(start, '\n', end_ - begin_);
      std::size_t length = 0;
      if (newline != nullptr) {
        length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
        begin_ += length + 1;
      } else if (at_eof_) {
        if (begin_ == end_) return false;
        length = end_ - begin_;
        begin_ = end_;
      } else {
        Refill();
        continue;
      }
      ++line_;
      if (length > max_line_bytes_) {
        Fail(line_, "line longer than the limit of " + std::to_string(max_line_bytes_) + " bytes");
      }
      *line = std::string_view(start, length);
      if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
      if (line_ == 1 && line->starts_with("\xEF\xBB\xBF")) line->remove_prefix(3);
      return true;
    }
  }

  std::int64_t line() const { return line_; }
  std::string Digest() { return digest_.Finish(); }

 private:
  [[noreturn]] void Fail(std::int64_t line, std::string message) const {
    throw InputError(Diagnostic{Severity::kError, Location{source_.display_path(), "", line},
                                std::move(message)});
  }

  void Refill() {
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ == capacity_) {
      // One line fills the buffer: grow it up to the line limit.
      if (capacity_ > max_line_bytes_) {
        Fail(line_ + 1,
             "line longer than the limit of " + std::to_string(max_line_bytes_) + " bytes");
      }
      capacity_ = std::min(capacity_ * 2, max_line_bytes_ + 2);
      buffer_.resize(capacity_ + simdjson::SIMDJSON_PADDING);
    }
    const std::size_t read = source_.Read(buffer_.data() + end_, capacity_ - end_);
    if (read == 0) at_eof_ = true;
    digest_.Update(std::string_view(buffer_.data() + end_, read));
    end_ += read;
  }

  InputSource& source_;
  std::size_t max_line_bytes_;
  bool at_eof_ = false;
  std::vector<char> buffer_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::int64_t line_ = 0;
  Sha256Stream digest_;
};

class JsonlLoader {
 public:
  JsonlLoader(InputSource& source, const ReadOptions& options)
      : path_(source.path()),
        display_path_(source.display_path()),
        options_(options),
        lines_(source, options.max_line_bytes),
        builder_(source.path(), /*keep_records=*/false) {
    // Sized from the file (a claim line is rarely under 100 bytes) to spare the rehashes.
    if (source.size_hint() > 0) claim_lines_.Reserve(source.size_hint() / 100);
  }

  ClaimStore Load(std::vector<Diagnostic>* warnings) {
    std::string_view text;
    bool first = true;
    while (lines_.Next(&text)) {
      if (IsBlank(text)) continue;
      line_ = lines_.line();
      element root;
      if (const auto error = parser_.parse(text.data(), text.size(), false).get(root); error) {
        Error("", std::string("malformed JSON: ") + simdjson::error_message(error));
        first = false;
        continue;
      }
      if (root.type() != element_type::OBJECT) {
        Error("", "expected a claim (a JSON object), got " + Describe(root));
        first = false;
        continue;
      }
      const simdjson::dom::object object = root.get_object().value_unsafe();
      if (first && object["credence"].error() == simdjson::SUCCESS) {
        ReadHeader(object, text);
      } else {
        ReadClaim(object);
      }
      first = false;
    }
    ReportUnknownViaSources();
    std::vector<Diagnostic> found = header_warnings_;
    for (const UnknownKey& unknown : unknown_keys_) {
      std::string message = unknown.message;
      if (unknown.lines > 1) {
        message += " (on " + std::to_string(unknown.lines) + " lines; this is the first)";
      }
      found.push_back(Diagnostic{Severity::kWarning,
                                 Location{display_path_, unknown.pointer, unknown.line},
                                 std::move(message)});
    }
    if (unknown_key_overflow_ > 0) {
      found.push_back(
          Diagnostic{Severity::kWarning, Location{display_path_, "", 0},
                     "... and " + std::to_string(unknown_key_overflow_) + " more unknown keys"});
    }
    if (warnings != nullptr) warnings->insert(warnings->end(), found.begin(), found.end());
    if (claim_lines_.empty() && error_count_ == 0) {
      ErrorAt(0, "",
              "no claims: the file is empty or holds only its header; expected one claim (a JSON "
              "object) per line");
    }
    if (undated_claims_ > 0 && warnings != nullptr) {
      warnings->push_back(Diagnostic{
          Severity::kWarning, Location{display_path_, "", 0},
          std::to_string(undated_claims_) +
              " claim(s) have neither \"as_of\" nor \"published\"; they are dated 1970-01-01"});
    }
    if (!errors_.empty()) {
      if (error_count_ > errors_.size()) {
        errors_.push_back(Diagnostic{
            Severity::kError, Location{display_path_, "", 0},
            "... and " + std::to_string(error_count_ - errors_.size()) + " more errors"});
      }
      throw InputError(std::move(errors_));
    }
    return std::move(builder_).Finish(lines_.Digest());
  }

 private:
  void Error(std::string pointer, std::string message) {
    ErrorAt(line_, std::move(pointer), std::move(message));
  }
  void ErrorAt(std::int64_t line, std::string pointer, std::string message) {
    ++error_count_;
    if (errors_.size() < kMaxKeptErrors) {
      errors_.push_back(Diagnostic{
          Severity::kError, Location{display_path_, std::move(pointer), line}, std::move(message)});
    }
  }

  // An outlet is known once the header or an inline source declares it or a line publishes
  // under it; a via id that is none of these by the end of the file is a typo, not a source.
  void MarkKnown(std::uint32_t outlet) {
    if (outlet >= outlet_known_.size()) outlet_known_.resize(outlet + 1, 0);
    outlet_known_[outlet] = 1;
  }
  bool IsKnown(std::uint32_t outlet) const {
    return outlet < outlet_known_.size() && outlet_known_[outlet] != 0;
  }
  void ReportUnknownViaSources() {
    std::vector<std::pair<std::uint32_t, ViaReference>> unknown;
    for (const auto& [outlet, reference] : first_via_reference_) {
      if (!IsKnown(outlet)) unknown.emplace_back(outlet, reference);
    }
    std::sort(unknown.begin(), unknown.end(), [](const auto& a, const auto& b) {
      return std::tie(a.second.line, a.second.pointer) < std::tie(b.second.line, b.second.pointer);
    });
    for (const auto& [outlet, reference] : unknown) {
      ErrorAt(reference.line, reference.pointer,
              "unknown source " + Quoted(builder_.outlets()[outlet].id) +
                  " in via; expected an outlet declared in the header, an inline source "
                  "{\"id\", \"name\", \"kind\"} or the outlet of some line");
    }
  }
  bool Failing() const { return error_count_ > 0; }

  // Unknown keys are counted per key and place, not reported per line: a typo in a generator
  // repeats on every line, and one warning naming the first says enough.
  void WarnUnknownKeys(const simdjson::dom::object& object, const std::string& parent,
                       input_internal::KeyList known) {
    for (const auto field : object) {
      const std::string_view key = field.key;
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::optional<std::string> message = input_internal::UnknownKeyMessage(key, known);
      if (!message) continue;
      std::string pointer = parent + "/";
      for (const char c : key) {  // RFC 6901
        pointer += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      }
      const auto [found, inserted] = unknown_key_index_.try_emplace(pointer, unknown_keys_.size());
      if (!inserted) {
        ++unknown_keys_[found->second].lines;
        continue;
      }
      if (unknown_keys_.size() == kMaxKeptErrors) {
        unknown_key_index_.erase(found);
        ++unknown_key_overflow_;
        continue;
      }
      unknown_keys_.push_back(UnknownKey{std::move(pointer), std::move(*message), line_, 1});
    }
  }

  // The header reuses the claims document reader's checks: it is a document without articles.
  void ReadHeader(const simdjson::dom::object& header, std::string_view text) {
    if (header["articles"].error() == simdjson::SUCCESS) {
      Error("/articles",
            "the header line declares outlets and predicates only; write claims as "
            "lines of their own");
      return;
    }
    const std::size_t brace = text.find('{');
    std::string document = "{\"articles\": [], ";
    document.append(text.substr(brace + 1));
    if (header.size() == 0) document = "{\"articles\": []}";
    ReadOptions options = options_;
    ClaimsDocument parsed;
    try {
      parsed = ParseClaimsDocument(document, path_, options);
    } catch (const InputError& error) {
      for (const Diagnostic& diagnostic : error.diagnostics()) {
        if (diagnostic.severity == Severity::kError) {
          Error(diagnostic.where.pointer, diagnostic.message);
        } else {
          header_warnings_.push_back(Diagnostic{
              Severity::kWarning, Location{display_path_, diagnostic.where.pointer, line_},
              diagnostic.message});
        }
      }
      return;
    }
    for (Diagnostic& warning : parsed.warnings) {
      warning.where.file = display_path_;
      warning.where.line = line_;
      header_warnings_.push_back(std::move(warning));
    }
    for (OutletRecord& outlet : parsed.outlets) {
      const std::string id = outlet.id;
      const std::uint32_t index = builder_.AddOutlet(std::move(outlet));
      outlet_index_.Insert(id, index);
      MarkKnown(index);
    }
    for (PredicateRecord& predicate : parsed.predicates) {
      const std::string id = predicate.id;
      const std::uint32_t index = builder_.AddPredicate(predicate);
      if (predicate_index_.Insert(id, static_cast<std::uint32_t>(predicates_.size())).second) {
        predicates_.push_back(Predicate{index, std::move(predicate)});
      }
    }
  }

  struct Predicate {
    std::uint32_t index = 0;
    PredicateRecord record;
  };

  std::optional<std::string_view> NonEmptyString(element value, std::string_view key) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS || text.empty()) {
      Error("/" + std::string(key), "expected a non-empty string, got " + Describe(value));
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::string_view> AnyString(element value, std::string_view key) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
      Error("/" + std::string(key), "expected a string, got " + Describe(value));
      return std::nullopt;
    }
    return text;
  }

  std::optional<Date> ReadDate(element value, const std::string& pointer) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
      Error(pointer,
            "expected " + std::string(kDateFormats) + " as a string, got " + Describe(value));
      return std::nullopt;
    }
    std::string error;
    const std::optional<Date> date = ParseIsoDate(text, &error);
    if (!date) {
      // ParseIsoDate's message already names the expected forms and the text.
      Error(pointer, error.empty()
                         ? "expected " + std::string(kDateFormats) + ", got " + Describe(value)
                         : error);
      return std::nullopt;
    }
    if (date->year < options_.min_year || date->year > options_.max_year) {
      Error(pointer, "date " + Quoted(text) + ": year " + std::to_string(date->year) +
                         " is outside the accepted range " + std::to_string(options_.min_year) +
                         ".." + std::to_string(options_.max_year));
      return std::nullopt;
    }
    return date;
  }

  // The same typing rules as the claims document reader (see docs/format.md, "Values").
  std::optional<Value> ReadValue(element value, const PredicateRecord& predicate) {
    const std::string pointer = "/value";
    const auto fail = [&](std::string_view expected) -> std::optional<Value> {
      Error(pointer, "expected " + std::string(expected) + " for predicate " +
                         Quoted(predicate.id) + " (value_kind " +
                         std::string(ToString(predicate.value_kind)) + "), got " + Describe(value));
      return std::nullopt;
    };
    std::string_view text;
    const bool is_text = value.get_string().get(text) == simdjson::SUCCESS && !IsBlank(text);
    switch (predicate.value_kind) {
      case ValueKind::kBoolean: {
        bool flag = false;
        if (value.get_bool().get(flag) != simdjson::SUCCESS) return fail("a boolean");
        return Value::Boolean(flag);
      }
      case ValueKind::kCategory:
        if (!is_text) return fail("a non-empty string");
        return Value::Category(text);
      case ValueKind::kString:
        if (!is_text) return fail("a non-empty string");
        return Value::String(text);
      case ValueKind::kDate: {
        if (value.type() != element_type::STRING) return fail(kDateFormats);
        const std::optional<Date> date = ReadDate(value, pointer);
        if (!date) return std::nullopt;
        return Value::FromDate(*date);
      }
      case ValueKind::kQuantity: {
        if (value.is_number()) {
          const double amount = value.get_double().value_unsafe();
          if (!std::isfinite(amount)) {
            Error(pointer, "expected a finite amount, got " + Describe(value));
            return std::nullopt;
          }
          Value quantity = Value::Quantity(amount, predicate.unit);
          if (std::optional<std::string> overflow = input_internal::NonFiniteQuantity(quantity)) {
            Error(pointer, std::move(*overflow));
            return std::nullopt;
          }
          return quantity;
        }
        if (value.type() == element_type::OBJECT) return ReadQuantityObject(value, predicate);
        return fail("a number (in " + Quoted(predicate.unit) +
                    ") or an object {\"amount\", \"unit\", \"scale\"}");
      }
    }
    return fail("a value");
  }

  std::optional<Value> ReadQuantityObject(element value, const PredicateRecord& predicate) {
    const std::size_t errors_before = error_count_;
    const simdjson::dom::object object = value.get_object().value_unsafe();
    WarnUnknownKeys(object, "/value", input_internal::kQuantityKeys);
    constexpr std::string_view kAmount = "a finite number, or null when the magnitude is unknown";
    std::optional<double> amount;
    element found;
    if (object["amount"].get(found) != simdjson::SUCCESS) {
      Error("/value/amount",
            "missing required key \"amount\" (expected " + std::string(kAmount) + ")");
    } else if (found.is_number() && std::isfinite(found.get_double().value_unsafe())) {
      amount = found.get_double().value_unsafe();
    } else if (!found.is_null()) {
      Error("/value/amount", "expected " + std::string(kAmount) + ", got " + Describe(found));
    }
    std::string unit = predicate.unit;
    if (object["unit"].get(found) == simdjson::SUCCESS) {
      std::string_view text;
      if (found.get_string().get(text) != simdjson::SUCCESS || text.empty()) {
        Error("/value/unit", "expected a non-empty string, got " + Describe(found));
      } else {
        unit = std::string(text);
      }
    }
    std::string scale;
    if (object["scale"].get(found) == simdjson::SUCCESS) {
      std::string_view text;
      if (found.get_string().get(text) != simdjson::SUCCESS) {
        Error("/value/scale", "expected a string, got " + Describe(found));
      } else {
        scale = std::string(text);
      }
    }
    if (!scale.empty() && !ParseScaleWord(scale)) {
      Error("/value/scale", "unknown scale word " + Quoted(scale) +
                                " (expected thousand, million, billion, trillion, k, m or bn)");
    }
    if (std::optional<std::string> mismatch =
            input_internal::UnitMismatch(unit, predicate.unit, predicate.id)) {
      Error("/value/unit", std::move(*mismatch));
    }
    if (error_count_ != errors_before) return std::nullopt;
    Value quantity = Value::Quantity(amount, unit, scale);
    if (std::optional<std::string> overflow = input_internal::NonFiniteQuantity(quantity)) {
      Error("/value", std::move(*overflow));
      return std::nullopt;
    }
    return quantity;
  }

  std::uint32_t InternOutlet(std::string_view id) {
    if (const std::uint32_t* found = outlet_index_.Find(id)) return *found;
    OutletRecord record;
    record.id = std::string(id);
    record.name = record.id;
    record.kind = "outlet";
    const std::uint32_t index = builder_.AddOutlet(std::move(record));
    outlet_index_.Insert(id, index);
    return index;
  }

  // The content source of a claim: the last via entry, else the publisher.
  std::optional<std::uint32_t> ReadVia(element via, std::string_view own_outlet,
                                       std::uint32_t outlet) {
    simdjson::dom::array entries;
    if (via.get_array().get(entries) != simdjson::SUCCESS) {
      Error("/via", "expected an array, got " + Describe(via));
      return std::nullopt;
    }
    std::uint32_t source = outlet;
    std::vector<std::string_view> seen;
    std::size_t i = 0;
    bool ok = true;
    for (element entry : entries) {
      const std::string pointer = "/via/" + std::to_string(i++);
      std::string_view id;
      std::optional<std::uint32_t> index;
      if (entry.get_string().get(id) == simdjson::SUCCESS) {
        if (id.empty()) {
          Error(pointer, "expected a source id, got the empty string \"\"");
          ok = false;
          continue;
        }
        if (!Failing()) {
          index = InternOutlet(id);
          first_via_reference_.try_emplace(*index, ViaReference{line_, pointer});
        }
      } else if (entry.type() == element_type::OBJECT) {
        index = ReadInlineSource(entry.get_object().value_unsafe(), pointer, &id);
        if (id.empty()) {
          ok = false;
          continue;
        }
      } else {
        Error(pointer,
              "expected a source id (a string) or an inline source {\"id\", \"name\", "
              "\"kind\"}, got " +
                  Describe(entry));
        ok = false;
        continue;
      }
      if (id == own_outlet) {
        Error(pointer, "the article's own outlet " + Quoted(id) +
                           " cannot relay itself: remove it from via");
        ok = false;
        continue;
      }
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
        Error(pointer, "duplicate source " + Quoted(id) + " in via");
        ok = false;
        continue;
      }
      seen.push_back(id);
      if (index) source = *index;
    }
    if (!ok) return std::nullopt;
    return source;
  }

  // {"id", "name", "kind"}: declares a free source (kind "person" unless given) the first time.
  std::optional<std::uint32_t> ReadInlineSource(const simdjson::dom::object& entry,
                                                const std::string& pointer,
                                                std::string_view* id_out) {
    WarnUnknownKeys(entry, pointer, input_internal::kInlineSourceKeys);
    element value;
    std::string_view id;
    if (entry["id"].get(value) != simdjson::SUCCESS ||
        value.get_string().get(id) != simdjson::SUCCESS || id.empty()) {
      Error(pointer + "/id", "expected a non-empty source id (a string)");
      return std::nullopt;
    }
    std::string_view name = id;
    if (entry["name"].get(value) == simdjson::SUCCESS &&
        value.get_string().get(name) != simdjson::SUCCESS) {
      Error(pointer + "/name", "expected a string, got " + Describe(value));
      return std::nullopt;
    }
    if (name.empty()) name = id;
    std::optional<std::string_view> kind;
    if (entry["kind"].get(value) == simdjson::SUCCESS) {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS || text.empty()) {
        Error(pointer + "/kind", "expected a non-empty string, got " + Describe(value));
        return std::nullopt;
      }
      kind = text;
    }
    *id_out = id;
    if (const std::uint32_t* found = outlet_index_.Find(id)) {
      const std::string& known_kind = builder_.outlets()[*found].kind;
      if (kind && *kind != known_kind) {
        Error(pointer + "/kind", "source " + Quoted(id) + " has kind " + Quoted(*kind) +
                                     " here but kind " + Quoted(known_kind) + " before");
        return std::nullopt;
      }
      MarkKnown(*found);
      return *found;
    }
    OutletRecord record;
    record.id = std::string(id);
    record.name = std::string(name);
    record.kind = std::string(kind.value_or("person"));
    const std::uint32_t index = builder_.AddOutlet(std::move(record));
    outlet_index_.Insert(id, index);
    MarkKnown(index);
    return index;
  }

  void ReadClaim(const simdjson::dom::object& object) {
    const std::size_t errors_before = error_count_;
    WarnUnknownKeys(object, "", input_internal::kJsonlClaimKeys);
    std::optional<std::string_view> id, subject, outlet, article, title, url;
    std::optional<element> value, via;
    std::optional<Date> as_of, published, since, until;
    const Predicate* predicate = nullptr;
    double confidence = 1.0;
    for (const auto field : object) {
      const std::string_view key = field.key;
      const element item = field.value;
      if (key == "id") {
        id = NonEmptyString(item, key);
      } else if (key == "subject") {
        subject = NonEmptyString(item, key);
      } else if (key == "predicate") {
        if (const auto name = NonEmptyString(item, key)) {
          const std::uint32_t* found = predicate_index_.Find(*name);
          if (found == nullptr) {
            Error("/predicate", "unknown predicate " + Quoted(*name) +
                                    ": declare it in the header line's \"predicates\"");
          } else {
            predicate = &predicates_[*found];
          }
        }
      } else if (key == "value") {
        value = item;
      } else if (key == "outlet") {
        outlet = NonEmptyString(item, key);
      } else if (key == "as_of") {
        as_of = ReadDate(item, "/as_of");
      } else if (key == "published") {
        published = ReadDate(item, "/published");
      } else if (key == "since") {
        since = ReadDate(item, "/since");
      } else if (key == "until") {
        until = ReadDate(item, "/until");
      } else if (key == "via") {
        via = item;
      } else if (key == "article") {
        article = NonEmptyString(item, key);
      } else if (key == "title") {
        title = AnyString(item, key);
      } else if (key == "url") {
        url = AnyString(item, key);
      } else if (key == "quote") {
        AnyString(item, key);
      } else if (key == "confidence") {
        double number = 0.0;
        if (item.is_number()) number = item.get_double().value_unsafe();
        if (!item.is_number() || !(number > 0.0 && number <= 1.0)) {
          Error("/confidence",
                "expected a number in (0, 1] (the extraction confidence), got " + Describe(item));
        } else {
          confidence = number;
        }
      } else if (key == "via_inferred") {
        if (item.type() != element_type::BOOL) {
          Error("/via_inferred", "expected a boolean, got " + Describe(item));
        }
      }
    }
    const auto require = [&](bool present, std::string_view key, std::string_view what) {
      if (!present) {
        Error("/" + std::string(key),
              "missing required key " + Quoted(key) + " (expected " + std::string(what) + ")");
      }
    };
    require(object["id"].error() == simdjson::SUCCESS, "id", "a non-empty string");
    require(object["subject"].error() == simdjson::SUCCESS, "subject", "a non-empty string");
    require(object["predicate"].error() == simdjson::SUCCESS, "predicate", "a predicate id");
    require(value.has_value(), "value", "the claimed value");
    require(object["outlet"].error() == simdjson::SUCCESS, "outlet", "the publishing outlet id");

    std::optional<Value> typed;
    if (value && predicate != nullptr) {
      typed = ReadValue(*value, predicate->record);
      const PredicateRecord& record = predicate->record;
      if (typed && !record.domain.empty() && typed->IsKnown()) {
        const Tolerance exact{0.0, 0.0};
        const bool allowed = std::any_of(
            record.domain.begin(), record.domain.end(),
            [&](const Value& allowed_value) { return Compatible(*typed, allowed_value, exact); });
        if (!allowed) {
          Error("/value", "expected one of the values allowed for predicate " + Quoted(record.id) +
                              ", got " + Describe(*value));
          typed.reset();
        }
      }
    }
    if (predicate != nullptr && !predicate->record.CanChange()) {
      if (since)
        Error("/since",
              "\"since\" dates a change, but the predicate is declared "
              "\"mutable\": false; remove one of the two");
      if (until)
        Error("/until",
              "\"until\" dates a change, but the predicate is declared "
              "\"mutable\": false; remove one of the two");
    }
    if (since && as_of && since->FirstDay() > as_of->LastDay()) {
      Error("/since", "expected a date no later than the claim's \"as_of\" " +
                          Quoted(as_of->ToIso()) + ", got " + Quoted(since->ToIso()));
    }
    if (until && as_of && as_of->FirstDay() >= until->FirstDay()) {
      Error("/until", "expected a date later than the claim's \"as_of\" " + Quoted(as_of->ToIso()) +
                          ", got " + Quoted(until->ToIso()));
    }
    if (since && until && since->LastDay() >= until->FirstDay()) {
      Error("/until", "expected a date later than \"since\" " + Quoted(since->ToIso()) + ", got " +
                          Quoted(until->ToIso()));
    }
    if (id) {
      const auto [first_line, inserted] = claim_lines_.Insert(*id, line_);
      if (!inserted) {
        Error("/id", "duplicate claim id " + Quoted(*id) + " (first at line " +
                         std::to_string(*first_line) + ")");
      }
    }
    if (error_count_ != errors_before || Failing() || !outlet) {
      // Keep checking later lines, but build nothing once any line failed.
      if (outlet && via) ReadVia(*via, *outlet, 0);
      return;
    }
    const std::uint32_t outlet_index = InternOutlet(*outlet);
    MarkKnown(outlet_index);
    std::uint32_t source = outlet_index;
    if (via) {
      const std::optional<std::uint32_t> found = ReadVia(*via, *outlet, outlet_index);
      if (!found) return;
      source = *found;
    }
    std::uint32_t article_index = ClaimStore::kNotFound;
    if (article) {
      const auto [found, inserted] = article_index_.Insert(*article, ClaimStore::kNotFound);
      if (inserted) {
        ArticleInfo info;
        info.id = std::string(*article);
        info.outlet = outlet_index;
        info.published = published;
        info.title = std::string(title.value_or(""));
        info.url = std::string(url.value_or(""));
        *found = builder_.AddArticle(std::move(info));
      }
      article_index = *found;
    }
    ClaimRecord record;
    record.id = std::string(*id);
    record.value = std::move(*typed);
    record.since = since;
    record.until = until;
    if (as_of) {
      record.as_of = *as_of;
    } else if (until) {
      record.as_of = CivilFromDays(until->FirstDay() - 1);
    } else if (published) {
      record.as_of = *published;
    } else {
      record.as_of = Date{1970, 1, 1, DateGranularity::kDay};
      record.as_of_is_fallback = true;
      ++undated_claims_;
    }
    record.confidence = confidence;
    builder_.AddClaim(std::move(record), article_index, outlet_index, source,
                      builder_proposition(*subject, predicate->index));
  }

  std::uint32_t builder_proposition(std::string_view subject, std::uint32_t predicate) {
    return builder_.InternProposition(subject, predicate);
  }

  std::string path_;
  std::string display_path_;
  const ReadOptions& options_;
  LineStreamer lines_;
  ClaimStoreBuilder builder_;
  simdjson::dom::parser parser_;
  std::int64_t line_ = 0;
  std::vector<Diagnostic> errors_;
  std::size_t error_count_ = 0;
  std::size_t undated_claims_ = 0;
  std::vector<Predicate> predicates_;
  internal::IdIndex<std::uint32_t> predicate_index_;  // into predicates_
  internal::IdIndex<std::uint32_t> outlet_index_;     // builder outlet indices
  internal::IdIndex<std::uint32_t> article_index_;    // builder article indices
  struct ViaReference {
    std::int64_t line = 0;
    std::string pointer;
  };
  std::vector<std::uint8_t> outlet_known_;
  std::unordered_map<std::uint32_t, ViaReference> first_via_reference_;
  struct UnknownKey {
    std::string pointer;
    std::string message;
    std::int64_t line = 0;  // the first line it is on
    std::size_t lines = 0;  // how many lines have it
  };
  std::vector<Diagnostic> header_warnings_;
  std::vector<UnknownKey> unknown_keys_;
  std::unordered_map<std::string, std::size_t> unknown_key_index_;  // pointer -> unknown_keys_
  std::size_t unknown_key_overflow_ = 0;
  // Every claim id with its line, to report duplicates: the id plus about 32 bytes per claim.
  internal::IdIndex<std::int64_t> claim_lines_;
};

}  // namespace

ClaimStore LoadClaimsJsonl(InputSource& source, const ReadOptions& options,
                           std::vector<Diagnostic>* warnings) {
  return JsonlLoader(source, options).Load(warnings);
}

}  // namespace credence::input_internal

#include "input/json_input.h"

#include <cmath>
#include <string>
#include <utility>

#include "input/known_keys.h"

namespace credence::input_internal {

void DiagnosticSink::Error(std::string pointer, std::string message) {
  errors_.push_back(
      Diagnostic{Severity::kError, Location{file_, std::move(pointer), 0}, std::move(message)});
}

void DiagnosticSink::Warning(std::string pointer, std::string message) {
  warnings_.push_back(
      Diagnostic{Severity::kWarning, Location{file_, std::move(pointer), 0}, std::move(message)});
}

void DiagnosticSink::ErrorAtLine(std::int64_t line, std::string message) {
  errors_.push_back(Diagnostic{Severity::kError, Location{file_, "", line}, std::move(message)});
}

void DiagnosticSink::ThrowIfErrors() {
  if (!errors_.empty()) {
    throw InputError(std::move(errors_));
  }
}

TextPosition PositionOfOffset(std::string_view text, std::size_t offset) {
  if (offset > text.size()) {
    offset = text.size();
  }
  TextPosition position;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((byte & 0xC0U) != 0x80U) {  // continuation bytes do not start a character
      ++position.column;
    }
  }
  return position;
}

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string EscapePointerToken(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

// Builds the DOM like nlohmann's own SAX DOM parser, and in addition remembers where a key is
// repeated and where a syntax error happened (byte offset), which json::parse would not tell.
class DomBuilder {
 public:
  explicit DomBuilder(Json* root) : root_(root) {}

  bool null() { return Put(Json(nullptr)); }
  bool boolean(bool value) { return Put(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return Put(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return Put(Json(value)); }
  bool number_float(Json::number_float_t value, const Json::string_t& /*text*/) {
    return Put(Json(value));
  }
  bool string(Json::string_t& value) { return Put(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return Put(Json::binary(std::move(value))); }
  bool start_object(std::size_t /*size*/) { return Open(Json::object()); }
  bool start_array(std::size_t /*size*/) { return Open(Json::array()); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(Json::string_t& key) {
    if (stack_.back().value->contains(key)) {
      duplicate_keys_.push_back(ChildPointer(CurrentPointer(), key));
    }
    key_ = std::move(key);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const Json::exception& error) {
    // nlohmann reports the 1-based count of characters read: the offending character for a
    // syntax error, the end of the token for a number that overflows a double.
    failed_ = true;
    const std::size_t read = position == 0 ? 0 : position - 1;
    error_offset_ =
        error.id == 406 && last_token.size() <= position ? position - last_token.size() : read;
    error_message_ = error.what();
    return false;
  }

  bool failed() const { return failed_; }
  std::size_t error_offset() const { return error_offset_; }
  const std::string& error_message() const { return error_message_; }
  const std::vector<std::string>& duplicate_keys() const { return duplicate_keys_; }

 private:
  struct Frame {
    Json* value;
    std::string token;  // the key or index of this container in its parent
  };

  Json* Place(Json value, std::string* token) {
    if (stack_.empty()) {
      *root_ = std::move(value);
      return root_;
    }
    Json& parent = *stack_.back().value;
    if (parent.is_array()) {
      if (token != nullptr) {
        *token = std::to_string(parent.size());
      }
      parent.push_back(std::move(value));
      return &parent.back();
    }
    if (token != nullptr) {
      *token = key_;
    }
    Json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }

  bool Put(Json value) {
    Place(std::move(value), nullptr);
    return true;
  }

  bool Open(Json container) {
    std::string token;
    Json* placed = Place(std::move(container), &token);
    stack_.push_back(Frame{placed, std::move(token)});
    return true;
  }

  bool Close() {
    stack_.pop_back();
    return true;
  }

  std::string CurrentPointer() const {
    std::string pointer;
    for (std::size_t i = 1; i < stack_.size(); ++i) {
      pointer = ChildPointer(pointer, stack_[i].token);
    }
    return pointer;
  }

  Json* root_;
  std::vector<Frame> stack_;
  std::string key_;
  std::vector<std::string> duplicate_keys_;
  bool failed_ = false;
  std::size_t error_offset_ = 0;
  std::string error_message_;
};

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." ->
// "syntax error ...": the position is reported separately, computed from the byte offset.
std::string ExplanationOf(std::string_view what) {
  if (!what.empty() && what.front() == '[') {
    const std::size_t close = what.find("] ");
    if (close != std::string_view::npos) {
      what.remove_prefix(close + 2);
    }
  }
  if (what.starts_with("parse error")) {
    const std::size_t colon = what.find(": ");
    if (colon != std::string_view::npos) {
      what.remove_prefix(colon + 2);
    }
  }
  // The parser quotes what it last read: it may hold bytes that are not UTF-8 or control
  // characters (which would garble a terminal), and be as long as the input.
  constexpr std::size_t kMaxBytes = 200;
  std::string clean;
  std::size_t i = 0;
  while (i < what.size() && clean.size() < kMaxBytes) {
    const auto byte = static_cast<unsigned char>(what[i]);
    std::size_t length = byte < 0x80U            ? 1
                         : (byte >> 5U) == 0x6U  ? 2
                         : (byte >> 4U) == 0xEU  ? 3
                         : (byte >> 3U) == 0x1EU ? 4
                                                 : 0;
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= what.size() || (static_cast<unsigned char>(what[i + k]) & 0xC0U) != 0x80U) {
        length = 0;
      }
    }
    if (length == 0 || (length == 1 && (byte < 0x20U || byte == 0x7FU))) {
      constexpr char kHex[] = "0123456789ABCDEF";
      clean += "\\x";
      clean += kHex[byte >> 4U];
      clean += kHex[byte & 0xFU];
      ++i;
      continue;
    }
    clean.append(what.substr(i, length));
    i += length;
  }
  if (i < what.size()) clean += "...";
  return clean;
}

}  // namespace

Json ParseJsonText(std::string_view text, DiagnosticSink* sink) {
  if (text.starts_with(kByteOrderMark)) {
    text.remove_prefix(kByteOrderMark.size());
  }
  Json root;
  DomBuilder builder(&root);
  const bool parsed = Json::sax_parse(text, &builder);
  if (!parsed || builder.failed()) {
    const TextPosition position = PositionOfOffset(text, builder.error_offset());
    sink->ErrorAtLine(position.line, "malformed JSON at line " + std::to_string(position.line) +
                                         ", column " + std::to_string(position.column) + ": " +
                                         ExplanationOf(builder.error_message()));
    sink->ThrowIfErrors();
  }
  for (const std::string& pointer : builder.duplicate_keys()) {
    sink->Error(pointer,
                "this key appears more than once in its object; JSON keys must be unique "
                "(keep one of them)");
  }
  return root;
}

std::string ChildPointer(std::string_view parent, std::string_view key) {
  std::string pointer(parent);
  pointer += '/';
  pointer += EscapePointerToken(key);
  return pointer;
}

std::string ChildPointer(std::string_view parent, std::size_t index) {
  std::string pointer(parent);
  pointer += '/';
  pointer += std::to_string(index);
  return pointer;
}

std::string Quote(std::string_view text) {
  constexpr std::size_t kMaxBytes = 60;
  bool shortened = false;
  if (text.size() > kMaxBytes) {
    std::size_t cut = kMaxBytes;
    // Do not cut a UTF-8 sequence in half.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
      --cut;
    }
    text = text.substr(0, cut);
    shortened = true;
  }
  std::string quoted = Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
  if (shortened) {
    quoted.insert(quoted.size() - 1, "...");
  }
  return quoted;
}

std::string DescribeJson(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "the boolean true" : "the boolean false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "the number " + value.dump();
    case Json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      return text.empty() ? "the empty string \"\"" : "the string " + Quote(text);
    }
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  return "a value of an unexpected type";
}

const Json* FieldReader::Find(std::string_view key) const {
  const auto found = object_.find(key);
  if (found == object_.end() || found->is_null()) {
    return nullptr;
  }
  return &*found;
}

const Json* FieldReader::Require(std::string_view key, std::string_view what) const {
  const auto found = object_.find(key);
  if (found == object_.end()) {
    sink_->Error(PointerOf(key), "missing required key \"" + std::string(key) + "\" (expected " +
                                     std::string(what) + ")");
    return nullptr;
  }
  if (found->is_null()) {
    TypeError(key, what, *found);
    return nullptr;
  }
  return &*found;
}

std::optional<std::string> FieldReader::RequiredNonEmptyString(std::string_view key) const {
  constexpr std::string_view kWhat = "a non-empty string";
  const Json* value = Require(key, kWhat);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    TypeError(key, kWhat, *value);
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::string> FieldReader::OptionalString(std::string_view key) const {
  const Json* value = Find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    TypeError(key, "a string", *value);
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::string> FieldReader::OptionalNonEmptyString(std::string_view key) const {
  const Json* value = Find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    TypeError(key, "a non-empty string", *value);
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<bool> FieldReader::OptionalBool(std::string_view key) const {
  const Json* value = Find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_boolean()) {
    TypeError(key, "true or false", *value);
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<double> FieldReader::OptionalNumber(std::string_view key) const {
  const Json* value = Find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_number() || !std::isfinite(value->get<double>())) {
    TypeError(key, "a finite number", *value);
    return std::nullopt;
  }
  return value->get<double>();
}

const Json* FieldReader::Array(std::string_view key, bool required) const {
  const Json* value = required ? Require(key, "an array") : Find(key);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_array()) {
    TypeError(key, "an array", *value);
    return nullptr;
  }
  return value;
}

void FieldReader::WarnUnknownKeys(std::span<const std::string_view> known) const {
  if (!object_.is_object()) return;
  for (const auto& item : object_.items()) {
    if (std::optional<std::string> message = UnknownKeyMessage(item.key(), known)) {
      sink_->Warning(PointerOf(item.key()), std::move(*message));
    }
  }
}

void FieldReader::TypeError(std::string_view key, std::string_view expected,
                            const Json& found) const {
  sink_->Error(PointerOf(key),
               "expected " + std::string(expected) + ", got " + DescribeJson(found));
}

}  // namespace credence::input_internal

#include "input/csv.h"

namespace credence::input_internal {

bool SplitRecord(std::string_view line, char separator, std::vector<std::string>* fields,
                 std::string* error) {
  fields->clear();
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          *error = "unterminated quoted field (field " + std::to_string(fields->size() + 1) + ")";
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i < line.size() && line[i] != separator) {
        *error = "unexpected text after the closing quote of field " +
                 std::to_string(fields->size() + 1);
        return false;
      }
    } else {
      while (i < line.size() && line[i] != separator) {
        if (line[i] == '"') {
          *error = "quote inside unquoted field " + std::to_string(fields->size() + 1) +
                   "; a quote may only open a field (RFC 4180)";
          return false;
        }
        field += line[i++];
      }
    }
    fields->push_back(field);
    if (i >= line.size()) return true;
    ++i;  // the separator
  }
}

}  // namespace credence::input_internal

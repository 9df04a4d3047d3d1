// A small RFC 4180 line splitter for the tabular importers: quoted fields may hold the
// separator and doubled quotes; a line is one record (no embedded newlines in these data sets).
#ifndef CREDENCE_INPUT_CSV_H_
#define CREDENCE_INPUT_CSV_H_

#include <string>
#include <string_view>
#include <vector>

namespace credence::input_internal {

// Splits `line` on `separator`. Returns false and sets *error when a quote is not closed, a
// closing quote is followed by something other than the separator, or a quote appears inside a
// field that did not open with one.
bool SplitRecord(std::string_view line, char separator, std::vector<std::string>* fields,
                 std::string* error);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_CSV_H_

// The size limits of ReadOptions, checked on a parsed claims document before it is interpreted,
// so that an absurd input (a megabyte id, 10^5 via entries, deep nesting) costs one clear error
// instead of memory, time, or a flood of follow-on messages.
#ifndef CREDENCE_INPUT_INPUT_LIMITS_H_
#define CREDENCE_INPUT_INPUT_LIMITS_H_

#include "credence/document.h"
#include "credence/input.h"
#include "input/json_input.h"

namespace credence::input_internal {

// Records an error at the pointer of every value over a limit (id and string lengths, via
// entries, claims, nesting depth). Returns false when there was any; the caller should then stop.
// Iterative, so that nesting deeper than the limit cannot exhaust the stack.
bool CheckJsonLimits(const Json& root, const ReadOptions& options, DiagnosticSink* sink);

// Records an error for every proposition (subject, predicate) claimed with more distinct values
// than options.max_values_per_proposition, at the first claim over the limit.
void CheckValueLimits(const ClaimsDocument& document, const ReadOptions& options,
                      DiagnosticSink* sink);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_INPUT_LIMITS_H_

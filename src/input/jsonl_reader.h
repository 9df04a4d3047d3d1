// The JSON Lines bulk loader: an optional header line (outlets, predicates) and one claim per
// line with its article's fields flattened, streamed block by block into a ClaimStoreBuilder.
#ifndef CREDENCE_INPUT_JSONL_READER_H_
#define CREDENCE_INPUT_JSONL_READER_H_

#include <string>
#include <vector>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"
#include "input/input_source.h"

namespace credence::input_internal {

// Throws InputError listing up to 100 problems as "file:line: /pointer: message"; no store is
// returned unless every line is valid.
ClaimStore LoadClaimsJsonl(InputSource& source, const ReadOptions& options,
                           std::vector<Diagnostic>* warnings);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_JSONL_READER_H_

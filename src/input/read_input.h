// The readers that build a claims document, each reading an input opened once (so that a pipe
// read for format detection loses nothing).
#ifndef CREDENCE_INPUT_READ_INPUT_H_
#define CREDENCE_INPUT_READ_INPUT_H_

#include "credence/document.h"
#include "credence/input.h"
#include "input/input_source.h"

namespace credence::input_internal {

// ReadInput on an opened source (kAuto detects the format from it). JSON Lines are refused: they
// load only into a store.
ClaimsDocument ReadInputDocument(InputSource& source, InputFormat format,
                                 const ReadOptions& options);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_READ_INPUT_H_

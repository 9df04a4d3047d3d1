// Which input format a file holds, judged by its first non-blank line (and, for JSON Lines, its
// name), without consuming what it reads.
#ifndef CREDENCE_INPUT_FORMAT_DETECTION_H_
#define CREDENCE_INPUT_FORMAT_DETECTION_H_

#include "credence/input.h"
#include "input/input_source.h"

namespace credence::input_internal {

// Peeks at most the first MiB of `source`; the reader that follows reads those bytes again.
// Throws InputError when no format fits.
InputFormat DetectInputFormat(InputSource& source);

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_FORMAT_DETECTION_H_

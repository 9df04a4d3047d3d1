#ifndef CREDENCE_VERSION_H_
#define CREDENCE_VERSION_H_

#include <string_view>

namespace credence {

// The library's semantic version, e.g. "0.1.0".
std::string_view Version();

}  // namespace credence

#endif  // CREDENCE_VERSION_H_

#include <string>

#include "credence/input.h"
#include "input/input_source.h"

namespace credence {

std::string ReadInputBytes(const std::string& path, std::size_t max_bytes) {
  return input_internal::InputSource(path).ReadAll(max_bytes);
}

}  // namespace credence

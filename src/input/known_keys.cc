#include "input/known_keys.h"

#include <algorithm>
#include <string>
#include <vector>

#include "input/json_input.h"

namespace credence::input_internal {

std::size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme: the one before the previous is needed for transpositions.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> UnknownKeyMessage(std::string_view key, KeyList known) {
  if (key.starts_with("x-") || key == "extensions") return std::nullopt;
  if (std::find(known.begin(), known.end(), key) != known.end()) return std::nullopt;
  std::string_view nearest;
  // Short keys are near too many others: one edit for them, else two or a third of the length.
  std::size_t best = (key.size() <= 4 ? 1 : std::max<std::size_t>(2, key.size() / 3)) + 1;
  for (const std::string_view candidate : known) {
    // Long keys are not compared: the distance costs the product of the lengths.
    if (key.size() > 4 * candidate.size() + 8) continue;
    const std::size_t distance = EditDistance(key, candidate);
    if (distance < best) {
      best = distance;
      nearest = candidate;
    }
  }
  std::string message = "unknown key " + Quote(key);
  if (!nearest.empty()) return message + "; did you mean " + Quote(nearest) + "?";
  message += "; the keys of this object are ";
  for (std::size_t i = 0; i < known.size(); ++i) {
    message += (i == 0 ? "" : ", ") + Quote(known[i]);
  }
  return message + " (keys of your own: start them with \"x-\" or put them under \"extensions\")";
}

}  // namespace credence::input_internal

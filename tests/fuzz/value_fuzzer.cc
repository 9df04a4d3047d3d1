// libFuzzer target: value parsing and normalisation (units, scale words, value kinds, categories,
// strings, quantities). The first 8 bytes, when present, are an amount.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>

#include "credence/value.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<double> amount;
  if (size >= sizeof(double)) {
    double raw = 0;
    std::memcpy(&raw, data, sizeof raw);
    if (std::isfinite(raw)) amount = raw;
    data += sizeof raw;
    size -= sizeof raw;
  }
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)credence::ParseValueKind(text);
  const credence::Unit unit = credence::ParseUnit(text);
  if (!(unit.to_base > 0) || !std::isfinite(unit.to_base)) std::abort();
  if (const std::optional<double> scale = credence::ParseScaleWord(text)) {
    if (!(*scale > 0) || !std::isfinite(*scale)) std::abort();
  }
  // Normalisation is idempotent: normalising the display form changes nothing.
  const credence::Value category = credence::Value::Category(text);
  if (!(credence::Value::Category(category.text()) == category)) std::abort();
  const credence::Value string = credence::Value::String(text);
  if (!(credence::Value::String(string.text()) == string)) std::abort();
  const credence::Value quantity = credence::Value::Quantity(amount, text, text);
  (void)quantity.ToDisplay();
  (void)quantity.IsKnown();
  return 0;
}

#include "eval/gold_match.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <map>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "input/json_input.h"

namespace credence::eval_internal {
namespace {

using input_internal::Quote;

constexpr std::size_t kMaxReportedErrors = 100;

bool IsBlankChar(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The whitespace-separated words of `text`.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsBlankChar(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !IsBlankChar(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::string Join(std::span<const std::string_view> words) {
  std::string text;
  for (std::string_view word : words) {
    if (!text.empty()) text += ' ';
    text += word;
  }
  return text;
}

// A gold unit must convert to the predicate's unit: the same base unit (durations to days,
// counts, one currency), or two units of one known dimension (another currency, as a claim may).
bool Converts(const Unit& unit, const Unit& declared) {
  if (unit.base == declared.base) return true;
  return unit.dimension != Dimension::kOther && unit.dimension == declared.dimension;
}

std::optional<Value> ParseQuantityText(std::string_view text, const PredicateRecord& predicate,
                                       std::string* error) {
  const std::string expected =
      "expected AMOUNT [SCALE] [UNIT] (\"180\", \"6 months\", \"1.5 "
      "million USD\") for predicate " +
      Quote(predicate.id) + " (value_kind quantity, unit " +
      Quote(predicate.unit.empty() ? "count" : predicate.unit) + ")";
  const std::vector<std::string_view> words = Words(text);
  double amount = 0.0;
  if (words.empty()) {
    *error = expected + ", got an empty value";
    return std::nullopt;
  }
  const std::string_view number = words[0];
  const auto [end, status] = std::from_chars(number.data(), number.data() + number.size(), amount);
  if (status != std::errc() || end != number.data() + number.size() || !std::isfinite(amount)) {
    *error = expected + ", got " + Quote(text);
    return std::nullopt;
  }
  std::span<const std::string_view> rest(words.data() + 1, words.size() - 1);
  std::string scale;
  if (!rest.empty() && ParseScaleWord(rest[0]) &&
      (rest.size() > 1 || ParseUnit(rest[0]).dimension == Dimension::kOther)) {
    scale = Lower(rest[0]);
    rest = rest.subspan(1);
  }
  const std::string unit = rest.empty() ? predicate.unit : Join(rest);
  if (!Converts(ParseUnit(unit), ParseUnit(predicate.unit))) {
    *error = "unit " + Quote(unit) + " cannot be converted to the unit " +
             Quote(predicate.unit.empty() ? "count" : predicate.unit) + " of predicate " +
             Quote(predicate.id);
    return std::nullopt;
  }
  const Value value = Value::Quantity(amount, unit, scale);
  if (!value.magnitude() || !std::isfinite(*value.magnitude())) {
    *error = "the amount " + Quote(text) + " is too large: expected a finite magnitude";
    return std::nullopt;
  }
  return value;
}

std::string ValueKey(std::optional<std::int32_t> day) {
  return day ? std::to_string(*day) : std::string();
}

}  // namespace

std::optional<Value> ParseValueText(std::string_view text, const PredicateRecord& predicate,
                                    std::string* error) {
  const std::vector<std::string_view> words = Words(text);
  const auto expected = [&](std::string_view what) {
    *error = "expected " + std::string(what) + " for predicate " + Quote(predicate.id) +
             " (value_kind " + std::string(ToString(predicate.value_kind)) + "), got " +
             Quote(text);
    return std::nullopt;
  };
  switch (predicate.value_kind) {
    case ValueKind::kBoolean: {
      const std::string word = words.size() == 1 ? Lower(words[0]) : std::string();
      if (word == "true") return Value::Boolean(true);
      if (word == "false") return Value::Boolean(false);
      return expected("true or false");
    }
    case ValueKind::kCategory:
      if (words.empty()) return expected("a non-blank text");
      return Value::Category(text);
    case ValueKind::kString:
      if (words.empty()) return expected("a non-blank text");
      return Value::String(text);
    case ValueKind::kDate: {
      std::string date_error;
      const std::optional<Date> date =
          words.size() == 1 ? ParseIsoDate(words[0], &date_error) : std::nullopt;
      if (!date && !date_error.empty()) {
        *error = date_error + " for predicate " + Quote(predicate.id);
        return std::nullopt;
      }
      if (!date) return expected("an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)");
      return Value::FromDate(*date);
    }
    case ValueKind::kQuantity:
      return ParseQuantityText(text, predicate, error);
  }
  return expected("a value");
}

std::vector<GoldItem> MatchGold(const ClaimStore& store, const std::vector<TruthRecord>& truth,
                                std::vector<Diagnostic>* warnings) {
  std::map<std::string_view, std::uint32_t> predicate_of;
  for (std::size_t k = 0; k < store.predicates().size(); ++k) {
    predicate_of.emplace(store.predicates()[k].id, static_cast<std::uint32_t>(k));
  }
  std::map<std::pair<std::string_view, std::uint32_t>, std::uint32_t> proposition_of;
  for (std::size_t p = 0; p < store.num_propositions(); ++p) {
    const PropositionInfo& info = store.propositions()[p];
    proposition_of.emplace(std::make_pair(std::string_view(info.subject), info.predicate),
                           static_cast<std::uint32_t>(p));
  }
  const auto state = store.claim_state();
  const auto scorable = [&](std::uint32_t p) {
    for (std::uint32_t c : store.ClaimsOfProposition(p)) {
      if (state[c] != ClaimStore::kUnknownState) return true;
    }
    return false;
  };

  std::vector<Diagnostic> errors;
  std::size_t error_count = 0;
  const auto error = [&](const TruthRecord& record, std::string message) {
    if (++error_count <= kMaxReportedErrors) {
      errors.push_back({Severity::kError, record.where, std::move(message)});
    }
  };
  // The first record of each item (subject, predicate, date) and its typed value.
  std::map<std::tuple<std::string_view, std::uint32_t, std::string>, std::pair<std::size_t, Value>>
      first_of_item;

  std::vector<GoldItem> items;
  items.reserve(truth.size());
  bool any_scorable = false;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const TruthRecord& record = truth[i];
    GoldItem item;
    if (record.date) item.day = record.date->FirstDay();
    const auto predicate = predicate_of.find(record.predicate);
    if (predicate == predicate_of.end()) {
      if (warnings != nullptr) {
        warnings->push_back({Severity::kWarning, record.where,
                             "predicate " + Quote(record.predicate) + " is not declared in " +
                                 Quote(store.source()) + "; the record is left out"});
      }
      item.gold = record.value;
      items.push_back(std::move(item));
      continue;
    }
    const PredicateRecord& declared = store.predicates()[predicate->second];
    std::string message;
    const std::optional<Value> value = ParseValueText(record.value, declared, &message);
    if (!value) {
      error(record, message);
      continue;
    }
    const auto [first, inserted] = first_of_item.try_emplace(
        {record.subject, predicate->second, ValueKey(item.day)}, i, *value);
    if (!inserted) {
      const auto& [earlier, earlier_value] = first->second;
      if (!Compatible(earlier_value, *value, declared.tolerance)) {
        error(record, "conflicting gold values for subject " + Quote(record.subject) +
                          ", predicate " + Quote(record.predicate) +
                          (record.date ? " on " + record.date->ToIso() : std::string()) + ": " +
                          Quote(earlier_value.ToDisplay()) + " (line " +
                          std::to_string(truth[earlier].where.line) + ") and " +
                          Quote(value->ToDisplay()));
      }
      continue;  // a repeat counts once
    }
    item.gold = value->ToDisplay();
    const auto proposition = proposition_of.find({record.subject, predicate->second});
    if (proposition != proposition_of.end()) {
      item.proposition = proposition->second;
      const std::span<const Value> candidates = store.ValuesOf(item.proposition);
      std::vector<std::size_t> agreeing;
      for (std::size_t s = 0; s < candidates.size(); ++s) {
        if (Compatible(candidates[s], *value, declared.tolerance)) agreeing.push_back(s);
      }
      if (agreeing.size() > 1) {
        std::string listed;
        for (std::size_t s : agreeing) {
          listed += (listed.empty() ? "" : ", ") + Quote(candidates[s].ToDisplay());
        }
        error(record, "gold value " + Quote(value->ToDisplay()) +
                          " agrees with several candidate values of subject " +
                          Quote(record.subject) + ", predicate " + Quote(record.predicate) + " (" +
                          listed + "); give it as precisely as the claims do");
        continue;
      }
      if (agreeing.size() == 1) item.gold = candidates[agreeing[0]].ToDisplay();
      any_scorable = any_scorable || scorable(item.proposition);
    }
    items.push_back(std::move(item));
  }
  if (error_count > errors.size()) {
    errors.push_back({Severity::kError,
                      {truth.front().where.file, "", 0},
                      "... and " + std::to_string(error_count - errors.size()) + " more errors"});
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  if (!any_scorable) {
    throw InputError(
        Diagnostic{Severity::kError,
                   {truth.empty() ? std::string() : truth.front().where.file, "", 0},
                   "no gold item has claims: none of its " + std::to_string(items.size()) +
                       " items (subject, predicate) has a scorable claim in " +
                       Quote(store.source()) + "; is it the gold file of this input?"});
  }
  return items;
}

}  // namespace credence::eval_internal

// The claims document reader: checks a parsed JSON document against the data contract and types
// it into a ClaimsDocument, collecting every problem before reporting them together.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "credence/document.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/value.h"
#include "input/domain_check.h"
#include "input/input_limits.h"
#include "input/json_input.h"
#include "input/known_keys.h"
#include "input/unit_check.h"

namespace credence {
namespace {

using input_internal::ChildPointer;
using input_internal::DescribeJson;
using input_internal::DiagnosticSink;
using input_internal::FieldReader;
using input_internal::Json;
using input_internal::Quote;

constexpr std::string_view kDateFormats = "an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)";
constexpr std::string_view kPersonKind = "person";

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

// The allowed values of a predicate, for messages; long domains are cut short.
std::string ListValues(const std::vector<Value>& values) {
  constexpr std::size_t kMaxListed = 20;
  std::string text;
  for (std::size_t i = 0; i < values.size() && i < kMaxListed; ++i) {
    if (i > 0) {
      text += ", ";
    }
    text += Quote(values[i].ToDisplay());
  }
  if (values.size() > kMaxListed) {
    text += ", ... (" + std::to_string(values.size()) + " in all)";
  }
  return text;
}

class ClaimsReader {
 public:
  ClaimsReader(DiagnosticSink* sink, const ReadOptions& options, ClaimsDocument* document)
      : sink_(*sink), options_(options), document_(*document) {}

  void Read(const Json& root) {
    if (!root.is_object()) {
      sink_.Error("",
                  "expected the document to be a JSON object with \"predicates\" and "
                  "\"articles\", got " +
                      DescribeJson(root));
      return;
    }
    const FieldReader top(&sink_, root, "");
    top.WarnUnknownKeys(input_internal::kDocumentKeys);
    if (const Json* version = top.Find("credence");
        version != nullptr && !(version->is_string() && *version == "1")) {
      top.TypeError("credence", "the format version \"1\" (a string)", *version);
    }
    const Json* outlets = top.Array("outlets", /*required=*/false);
    const Json* predicates = top.Array("predicates", /*required=*/true);
    const Json* articles = top.Array("articles", /*required=*/true);

    if (outlets != nullptr) {
      ReadOutlets(*outlets);
    }
    if (predicates != nullptr) {
      ReadPredicates(*predicates);
    }
    if (articles != nullptr) {
      CollectInlineSourceIds(*articles);
      ReadArticles(*articles);
    }
    ResolveUndatedClaims();
  }

 private:
  struct PredicateSlot {
    std::size_t index = 0;  // into document_.predicates
    bool usable = false;    // its value_kind is valid, so claim values can be typed
    std::string pointer;
  };
  struct InlineSource {
    std::string kind;
    std::string pointer;  // where it first appeared
  };

  void DuplicateId(const std::string& pointer, std::string_view what, const std::string& id,
                   const std::string& first) {
    sink_.Error(ChildPointer(pointer, "id"), "duplicate " + std::string(what) + " id " + Quote(id) +
                                                 " (first at " + first + ")");
  }

  // A new id must not repeat an earlier one of the same family; the message names both places.
  bool RegisterId(std::unordered_map<std::string, std::string>* seen, const std::string& id,
                  const std::string& pointer, std::string_view what) {
    const auto [found, inserted] = seen->try_emplace(id, pointer);
    if (!inserted) {
      DuplicateId(pointer, what, id, found->second);
    }
    return inserted;
  }

  bool NotAnObject(const Json& value, const std::string& pointer, std::string_view what) {
    if (value.is_object()) {
      return false;
    }
    sink_.Error(pointer,
                "expected " + std::string(what) + " (an object), got " + DescribeJson(value));
    return true;
  }

  // ---- outlets ----

  void ReadOutlets(const Json& outlets) {
    for (std::size_t i = 0; i < outlets.size(); ++i) {
      const std::string pointer = ChildPointer("/outlets", i);
      const Json& outlet = outlets[i];
      if (NotAnObject(outlet, pointer, "an outlet")) {
        continue;
      }
      const FieldReader fields(&sink_, outlet, pointer);
      fields.WarnUnknownKeys(input_internal::kOutletKeys);
      const std::optional<std::string> id = fields.RequiredNonEmptyString("id");
      const std::optional<std::string> name = fields.OptionalString("name");
      const std::optional<std::string> kind = fields.OptionalNonEmptyString("kind");
      if (!id || !RegisterId(&outlet_pointers_, *id, pointer, "outlet")) {
        continue;
      }
      OutletRecord record;
      record.id = *id;
      record.name = name && !name->empty() ? *name : *id;
      if (kind) {
        record.kind = *kind;
      }
      document_.outlets.push_back(std::move(record));
    }
  }

  // ---- predicates ----

  void ReadPredicates(const Json& predicates) {
    for (std::size_t i = 0; i < predicates.size(); ++i) {
      const std::string pointer = ChildPointer("/predicates", i);
      const Json& predicate = predicates[i];
      if (NotAnObject(predicate, pointer, "a predicate")) {
        continue;
      }
      ReadPredicate(FieldReader(&sink_, predicate, pointer));
    }
  }

  void ReadPredicate(const FieldReader& fields) {
    fields.WarnUnknownKeys(input_internal::kPredicateKeys);
    PredicateRecord record;
    const std::optional<std::string> id = fields.RequiredNonEmptyString("id");
    if (id) {
      record.id = *id;
    }

    constexpr std::string_view kKinds =
        "one of \"boolean\", \"category\", \"quantity\", \"date\", \"string\"";
    std::optional<ValueKind> kind;
    if (const Json* value = fields.Require("value_kind", kKinds); value != nullptr) {
      if (value->is_string()) {
        kind = ParseValueKind(value->get_ref<const std::string&>());
      }
      if (!kind) {
        fields.TypeError("value_kind", kKinds, *value);
      }
    }
    if (kind) {
      record.value_kind = *kind;
    }

    const std::optional<std::string> unit = fields.OptionalNonEmptyString("unit");
    if (kind == ValueKind::kQuantity) {
      record.unit = unit.value_or("count");
    }
    if (const std::optional<bool> is_mutable = fields.OptionalBool("mutable")) {
      record.mutability = *is_mutable ? Mutability::kMutable : Mutability::kImmutable;
    }
    ReadTolerance(fields, &record.tolerance);
    ReadChangeRate(fields, &record);
    if (const std::optional<std::string> description = fields.OptionalString("description")) {
      record.description = *description;
    }
    // The domain is typed like claim values, so it needs a valid kind first.
    if (const Json* values = fields.Array("values", /*required=*/false);
        values != nullptr && kind) {
      const std::string values_pointer = fields.PointerOf("values");
      if (values->empty()) {
        sink_.Error(values_pointer,
                    "expected at least one allowed value (leave \"values\" out for an open "
                    "domain), got an empty array");
      }
      std::vector<std::size_t> index_of;  // the position in "values" of each domain value
      for (std::size_t j = 0; j < values->size(); ++j) {
        std::optional<Value> value =
            ReadValue((*values)[j], ChildPointer(values_pointer, j), record);
        if (value) {
          record.domain.push_back(std::move(*value));
          index_of.push_back(j);
        }
      }
      if (const auto agreeing =
              input_internal::FindAgreeingValues(record.domain, record.tolerance)) {
        const auto [first, later] = *agreeing;
        sink_.Error(ChildPointer(values_pointer, index_of[later]),
                    "duplicate allowed values: " + (*values)[index_of[first]].dump() + " (at " +
                        ChildPointer(values_pointer, index_of[first]) + ") and " +
                        (*values)[index_of[later]].dump() +
                        " agree with each other as claims are compared, so a claim of either "
                        "would count for the first only; give values no claim can match both of");
      }
    }

    if (!id) {
      return;
    }
    const auto [found, inserted] = predicates_.try_emplace(
        *id, PredicateSlot{document_.predicates.size(), kind.has_value(), fields.pointer()});
    if (!inserted) {
      DuplicateId(fields.pointer(), "predicate", *id, found->second.pointer);
      return;
    }
    document_.predicates.push_back(std::move(record));
  }

  void ReadTolerance(const FieldReader& fields, Tolerance* tolerance) {
    const Json* value = fields.Find("tolerance");
    if (value == nullptr) {
      return;
    }
    if (!value->is_object()) {
      fields.TypeError("tolerance", "an object {\"relative\": number, \"absolute\": number}",
                       *value);
      return;
    }
    const FieldReader tolerance_fields(&sink_, *value, fields.PointerOf("tolerance"));
    tolerance_fields.WarnUnknownKeys(input_internal::kToleranceKeys);
    const auto read_bound = [&](std::string_view key, double* bound) {
      const Json* bound_value = tolerance_fields.Find(key);
      if (bound_value == nullptr) {
        return;
      }
      if (!bound_value->is_number() || !(bound_value->get<double>() >= 0.0) ||
          !std::isfinite(bound_value->get<double>())) {
        tolerance_fields.TypeError(key, "a finite number >= 0", *bound_value);
        return;
      }
      *bound = bound_value->get<double>();
    };
    read_bound("relative", &tolerance->relative);
    read_bound("absolute", &tolerance->absolute);
  }

  void ReadChangeRate(const FieldReader& fields, PredicateRecord* record) {
    const Json* value = fields.Find("change_rate");
    if (value == nullptr) {
      return;
    }
    if (!value->is_number() || !(value->get<double>() > 0.0) ||
        !std::isfinite(value->get<double>())) {
      fields.TypeError("change_rate", "a number > 0 (expected changes per year)", *value);
      return;
    }
    if (!record->CanChange()) {
      sink_.Error(fields.PointerOf("change_rate"),
                  "a change rate applies only to a predicate that can change: remove "
                  "\"change_rate\" or \"mutable\": false");
      return;
    }
    record->change_rate_per_year = value->get<double>();
  }

  // ---- values ----

  std::optional<Value> ReadValue(const Json& value, const std::string& pointer,
                                 const PredicateRecord& predicate) {
    const auto fail = [&](std::string_view expected) -> std::optional<Value> {
      sink_.Error(pointer, "expected " + std::string(expected) + " for predicate " +
                               Quote(predicate.id) + " (value_kind " +
                               std::string(ToString(predicate.value_kind)) + "), got " +
                               DescribeJson(value));
      return std::nullopt;
    };
    const bool is_text = value.is_string() && !IsBlank(value.get_ref<const std::string&>());
    switch (predicate.value_kind) {
      case ValueKind::kBoolean:
        if (!value.is_boolean()) {
          return fail("a boolean");
        }
        return Value::Boolean(value.get<bool>());
      case ValueKind::kCategory:
        if (!is_text) {
          return fail("a non-empty string");
        }
        return Value::Category(value.get_ref<const std::string&>());
      case ValueKind::kString:
        if (!is_text) {
          return fail("a non-empty string");
        }
        return Value::String(value.get_ref<const std::string&>());
      case ValueKind::kDate: {
        if (!value.is_string()) {
          return fail(kDateFormats);
        }
        const std::optional<Date> date = ReadDateText(value, pointer);
        if (!date) {
          return std::nullopt;
        }
        return Value::FromDate(*date);
      }
      case ValueKind::kQuantity:
        if (value.is_number()) {
          return ReadBareAmount(value, pointer, predicate);
        }
        if (value.is_object()) {
          return ReadQuantityObject(value, pointer, predicate);
        }
        return fail("a number (in " + Quote(predicate.unit) +
                    ") or an object {\"amount\", \"unit\", \"scale\"}");
    }
    return fail("a value");
  }

  std::optional<Value> ReadBareAmount(const Json& value, const std::string& pointer,
                                      const PredicateRecord& predicate) {
    const double amount = value.get<double>();
    if (!std::isfinite(amount)) {
      sink_.Error(pointer, "expected a finite amount, got " + DescribeJson(value));
      return std::nullopt;
    }
    Value quantity = Value::Quantity(amount, predicate.unit);
    if (std::optional<std::string> overflow = input_internal::NonFiniteQuantity(quantity)) {
      sink_.Error(pointer, std::move(*overflow));
      return std::nullopt;
    }
    return quantity;
  }

  std::optional<Value> ReadQuantityObject(const Json& value, const std::string& pointer,
                                          const PredicateRecord& predicate) {
    const std::size_t errors_before = sink_.error_count();
    const FieldReader fields(&sink_, value, pointer);
    fields.WarnUnknownKeys(input_internal::kQuantityKeys);

    // A null amount is meaningful (magnitude unknown), so it is not read as "not given".
    constexpr std::string_view kAmount = "a finite number, or null when the magnitude is unknown";
    std::optional<double> amount;
    if (const auto found = value.find("amount"); found == value.end()) {
      sink_.Error(fields.PointerOf("amount"),
                  "missing required key \"amount\" (expected " + std::string(kAmount) + ")");
    } else if (found->is_number() && std::isfinite(found->get<double>())) {
      amount = found->get<double>();
    } else if (!found->is_null()) {
      fields.TypeError("amount", kAmount, *found);
    }

    const std::string unit = fields.OptionalNonEmptyString("unit").value_or(predicate.unit);
    const std::string scale = fields.OptionalString("scale").value_or("");
    if (!scale.empty() && !ParseScaleWord(scale)) {
      sink_.Error(fields.PointerOf("scale"),
                  "unknown scale word " + Quote(scale) +
                      " (expected thousand, million, billion, trillion, k, m or bn)");
    }
    // Units of different known dimensions can never agree: a duration claimed for a currency
    // predicate is an annotation mistake, not a disagreement between outlets.
    if (std::optional<std::string> mismatch =
            input_internal::UnitMismatch(unit, predicate.unit, predicate.id)) {
      sink_.Error(fields.PointerOf("unit"), std::move(*mismatch));
    }
    if (sink_.error_count() != errors_before) {
      return std::nullopt;
    }
    Value quantity = Value::Quantity(amount, unit, scale);
    if (std::optional<std::string> overflow = input_internal::NonFiniteQuantity(quantity)) {
      sink_.Error(pointer, std::move(*overflow));
      return std::nullopt;
    }
    return quantity;
  }

  // ---- dates ----

  // A JSON string holding an ISO date within the accepted years.
  std::optional<Date> ReadDateText(const Json& value, const std::string& pointer) {
    if (!value.is_string()) {
      sink_.Error(pointer, "expected " + std::string(kDateFormats) + " as a string, got " +
                               DescribeJson(value));
      return std::nullopt;
    }
    const auto& text = value.get_ref<const std::string&>();
    std::string error;
    const std::optional<Date> date = ParseIsoDate(text, &error);
    if (!date) {
      sink_.Error(pointer, "expected " + std::string(kDateFormats) + ", got " +
                               DescribeJson(value) + (error.empty() ? "" : ": " + error));
      return std::nullopt;
    }
    if (date->year < options_.min_year || date->year > options_.max_year) {
      sink_.Error(pointer, "date " + Quote(text) + ": year " + std::to_string(date->year) +
                               " is outside the accepted range " +
                               std::to_string(options_.min_year) + ".." +
                               std::to_string(options_.max_year));
      return std::nullopt;
    }
    return date;
  }

  // "published" and "as_of": they also fix the latest date of the document.
  std::optional<Date> ReadDocumentDate(const FieldReader& fields, std::string_view key) {
    const Json* value = fields.Find(key);
    if (value == nullptr) {
      return std::nullopt;
    }
    std::optional<Date> date = ReadDateText(*value, fields.PointerOf(key));
    if (date) {
      const std::int32_t last = date->LastDay();
      if (!latest_day_ || last > *latest_day_) {
        latest_day_ = last;
      }
    }
    return date;
  }

  // ---- articles and claims ----

  // Inline sources may be declared after a claim that names them by id, so their ids are known
  // before any via list is checked.
  void CollectInlineSourceIds(const Json& articles) {
    for (const Json& article : articles) {
      const auto claims = article.is_object() ? article.find("claims") : article.end();
      if (claims == article.end() || !claims->is_array()) {
        continue;
      }
      for (const Json& claim : *claims) {
        const auto via = claim.is_object() ? claim.find("via") : claim.end();
        if (via == claim.end() || !via->is_array()) {
          continue;
        }
        for (const Json& entry : *via) {
          const auto id = entry.is_object() ? entry.find("id") : entry.end();
          if (id != entry.end() && id->is_string()) {
            inline_ids_.insert(id->get<std::string>());
          }
        }
      }
    }
  }

  void ReadArticles(const Json& articles) {
    for (std::size_t i = 0; i < articles.size(); ++i) {
      const std::string pointer = ChildPointer("/articles", i);
      const Json& article = articles[i];
      if (NotAnObject(article, pointer, "an article")) {
        continue;
      }
      ReadArticle(FieldReader(&sink_, article, pointer));
    }
  }

  void ReadArticle(const FieldReader& fields) {
    fields.WarnUnknownKeys(input_internal::kArticleKeys);
    ArticleRecord article;
    article.pointer = fields.pointer();
    if (const std::optional<std::string> id = fields.RequiredNonEmptyString("id")) {
      article.id = *id;
      RegisterId(&article_ids_, *id, article.pointer, "article");
    }
    if (const std::optional<std::string> outlet = fields.RequiredNonEmptyString("outlet")) {
      if (outlet_pointers_.contains(*outlet)) {
        article.outlet = *outlet;
      } else {
        sink_.Error(fields.PointerOf("outlet"),
                    "unknown outlet " + Quote(*outlet) + ": declare it in /outlets");
      }
    }
    article.published = ReadDocumentDate(fields, "published");
    article.title = fields.OptionalString("title").value_or("");
    article.url = fields.OptionalString("url").value_or("");

    const std::size_t article_index = document_.articles.size();
    if (const Json* claims = fields.Array("claims", /*required=*/true)) {
      const std::string claims_pointer = fields.PointerOf("claims");
      for (std::size_t j = 0; j < claims->size(); ++j) {
        const std::string pointer = ChildPointer(claims_pointer, j);
        const Json& claim = (*claims)[j];
        if (NotAnObject(claim, pointer, "a claim")) {
          continue;
        }
        ClaimRecord record = ReadClaim(FieldReader(&sink_, claim, pointer), article);
        if (record.as_of_is_fallback) {
          undated_claims_.emplace_back(article_index, article.claims.size());
        }
        article.claims.push_back(std::move(record));
      }
    }
    if (!article.published) {
      undated_articles_.push_back(article_index);
    }
    document_.articles.push_back(std::move(article));
  }

  ClaimRecord ReadClaim(const FieldReader& fields, const ArticleRecord& article) {
    fields.WarnUnknownKeys(input_internal::kClaimKeys);
    ClaimRecord claim;
    claim.pointer = fields.pointer();
    if (const std::optional<std::string> id = fields.RequiredNonEmptyString("id")) {
      claim.id = *id;
      RegisterId(&claim_ids_, *id, claim.pointer, "claim");
    }
    claim.subject = fields.RequiredNonEmptyString("subject").value_or("");

    const PredicateSlot* predicate = nullptr;
    if (const std::optional<std::string> id = fields.RequiredNonEmptyString("predicate")) {
      claim.predicate = *id;
      const auto found = predicates_.find(*id);
      if (found != predicates_.end()) {
        predicate = &found->second;
      } else {
        sink_.Error(fields.PointerOf("predicate"),
                    "unknown predicate " + Quote(*id) + ": declare it in /predicates");
      }
    }
    if (const Json* value = fields.Require("value", "the claimed value");
        value != nullptr && predicate != nullptr && predicate->usable) {
      ReadClaimValue(*value, fields.PointerOf("value"), document_.predicates[predicate->index],
                     &claim);
    }

    // Change dates say when something happened, not when it was reported: they do not move the
    // document's latest date (the fallback for undated claims).
    for (const auto& [key, date] : {std::pair{"since", &claim.since}, {"until", &claim.until}}) {
      if (const Json* value = fields.Find(key)) *date = ReadDateText(*value, fields.PointerOf(key));
    }
    if (std::optional<Date> as_of = ReadDocumentDate(fields, "as_of")) {
      claim.as_of = *as_of;
    } else if (claim.until) {
      // "It held until March": the last day it surely held is the day before the period.
      claim.as_of = CivilFromDays(claim.until->FirstDay() - 1);
    } else if (article.published) {
      claim.as_of = *article.published;
    } else if (fields.Find("as_of") == nullptr) {
      claim.as_of_is_fallback = true;
    }

    CheckChangeDates(
        fields, predicate == nullptr ? nullptr : &document_.predicates[predicate->index], claim);
    ReadVia(fields, article.outlet, &claim);
    claim.quote = fields.OptionalString("quote").value_or("");
    if (const Json* confidence = fields.Find("confidence"); confidence != nullptr) {
      if (confidence->is_number() && confidence->get<double>() > 0.0 &&
          confidence->get<double>() <= 1.0) {
        claim.confidence = confidence->get<double>();
      } else {
        fields.TypeError("confidence", "a number in (0, 1] (the extraction confidence)",
                         *confidence);
      }
    }
    claim.via_inferred = fields.OptionalBool("via_inferred").value_or(false);
    return claim;
  }

  // `since` and `until` date a change, so they need a predicate that can change and must order
  // with the claim's own date: since <= as_of < until.
  void CheckChangeDates(const FieldReader& fields, const PredicateRecord* predicate,
                        const ClaimRecord& claim) {
    for (const auto& [key, date] : {std::pair{"since", claim.since}, {"until", claim.until}}) {
      if (date && predicate != nullptr && !predicate->CanChange()) {
        sink_.Error(fields.PointerOf(key),
                    "\"" + std::string(key) + "\" dates a change, but predicate " +
                        Quote(predicate->id) +
                        " is declared \"mutable\": false; remove one of the two");
      }
    }
    if (claim.since && fields.Find("as_of") != nullptr &&
        claim.since->FirstDay() > claim.as_of.LastDay()) {
      sink_.Error(fields.PointerOf("since"),
                  "expected a date no later than the claim's \"as_of\" " +
                      Quote(claim.as_of.ToIso()) + " (the value held from \"since\" on), got " +
                      Quote(claim.since->ToIso()));
    }
    if (claim.until && fields.Find("as_of") != nullptr &&
        claim.as_of.FirstDay() >= claim.until->FirstDay()) {
      sink_.Error(fields.PointerOf("until"),
                  "expected a date later than the claim's \"as_of\" " + Quote(claim.as_of.ToIso()) +
                      " (the value held up to \"until\"), got " + Quote(claim.until->ToIso()));
    }
    if (claim.since && claim.until && claim.since->LastDay() >= claim.until->FirstDay()) {
      sink_.Error(fields.PointerOf("until"), "expected a date later than \"since\" " +
                                                 Quote(claim.since->ToIso()) + ", got " +
                                                 Quote(claim.until->ToIso()));
    }
  }

  void ReadClaimValue(const Json& json, const std::string& pointer,
                      const PredicateRecord& predicate, ClaimRecord* claim) {
    std::optional<Value> value = ReadValue(json, pointer, predicate);
    if (!value) {
      return;
    }
    // The domain is a closed list of spellings, so membership is exact; an unknown magnitude
    // is no value at all and cannot be out of the domain.
    if (!predicate.domain.empty() && value->IsKnown()) {
      const Tolerance exact{0.0, 0.0};
      const bool allowed = std::any_of(
          predicate.domain.begin(), predicate.domain.end(),
          [&](const Value& allowed_value) { return Compatible(*value, allowed_value, exact); });
      if (!allowed) {
        sink_.Error(pointer, "expected one of the values allowed for predicate " +
                                 Quote(predicate.id) + " (" + ListValues(predicate.domain) +
                                 "), got " + DescribeJson(json));
        return;
      }
    }
    claim->value = std::move(*value);
  }

  void ReadVia(const FieldReader& fields, const std::string& own_outlet, ClaimRecord* claim) {
    const Json* via = fields.Array("via", /*required=*/false);
    if (via == nullptr) {
      return;
    }
    const std::string via_pointer = fields.PointerOf("via");
    std::unordered_map<std::string, std::string> seen;  // id -> its entry's pointer
    claim->via.reserve(via->size());
    for (std::size_t i = 0; i < via->size(); ++i) {
      const std::string pointer = ChildPointer(via_pointer, i);
      const std::optional<std::string> id = ReadViaEntry((*via)[i], pointer);
      if (!id) {
        continue;
      }
      if (*id == own_outlet) {
        sink_.Error(pointer, "the article's own outlet " + Quote(*id) +
                                 " cannot relay itself: remove it from via");
        continue;
      }
      const auto [found, inserted] = seen.try_emplace(*id, pointer);
      if (!inserted) {
        sink_.Error(pointer,
                    "duplicate source " + Quote(*id) + " in via (first at " + found->second + ")");
        continue;
      }
      claim->via.push_back(*id);
    }
  }

  // The source id of one via entry: a declared outlet id, or an inline declaration
  // {"id", "name", "kind"} of a free source (a person, an office...).
  std::optional<std::string> ReadViaEntry(const Json& entry, const std::string& pointer) {
    if (entry.is_string()) {
      const auto& id = entry.get_ref<const std::string&>();
      if (id.empty()) {
        sink_.Error(pointer, "expected a source id, got the empty string \"\"");
        return std::nullopt;
      }
      if (!outlet_pointers_.contains(id) && !inline_ids_.contains(id)) {
        sink_.Error(pointer, "unknown source " + Quote(id) +
                                 " in via: declare it in /outlets or write {\"id\": " + Quote(id) +
                                 ", \"kind\": \"person\"}");
        return std::nullopt;
      }
      return id;
    }
    if (!entry.is_object()) {
      sink_.Error(pointer,
                  "expected a source id (a string) or an inline source {\"id\", \"name\", "
                  "\"kind\"}, got " +
                      DescribeJson(entry));
      return std::nullopt;
    }
    const FieldReader fields(&sink_, entry, pointer);
    fields.WarnUnknownKeys(input_internal::kInlineSourceKeys);
    std::optional<std::string> id = fields.RequiredNonEmptyString("id");
    const std::optional<std::string> name = fields.OptionalString("name");
    const std::optional<std::string> kind = fields.OptionalNonEmptyString("kind");
    if (!id) {
      return std::nullopt;
    }
    if (outlet_pointers_.contains(*id)) {
      return id;  // refers to the declared outlet
    }

    const std::string resolved_kind = kind.value_or(std::string(kPersonKind));
    const auto [found, inserted] =
        inline_sources_.try_emplace(*id, InlineSource{resolved_kind, pointer});
    if (inserted) {
      OutletRecord record;
      record.id = *id;
      record.name = name && !name->empty() ? *name : *id;
      record.kind = resolved_kind;
      document_.outlets.push_back(std::move(record));
    } else if (kind && *kind != found->second.kind) {
      sink_.Error(fields.PointerOf("kind"), "source " + Quote(*id) + " has kind " + Quote(*kind) +
                                                " here but kind " + Quote(found->second.kind) +
                                                " at " + found->second.pointer);
    }
    return id;
  }

  // ---- fallback dates ----

  void ResolveUndatedClaims() {
    if (undated_articles_.empty() && undated_claims_.empty()) {
      return;
    }
    Date fallback{1970, 1, 1, DateGranularity::kDay};
    if (latest_day_) {
      fallback = CivilFromDays(*latest_day_);
      fallback.granularity = DateGranularity::kDay;
    } else {
      sink_.Warning("",
                    "the document has no date at all (no \"published\" and no \"as_of\"); "
                    "undated claims are dated 1970-01-01");
    }
    for (const std::size_t index : undated_articles_) {
      const ArticleRecord& article = document_.articles[index];
      sink_.Warning(
          article.pointer,
          "article " + Quote(article.id) +
              " has no publication date; claims without \"as_of\" are dated " +
              (latest_day_ ? "at the latest date in the document (" + fallback.ToIso() + ")"
                           : std::string("1970-01-01, as the document has no date")));
    }
    for (const auto& [article_index, claim_index] : undated_claims_) {
      document_.articles[article_index].claims[claim_index].as_of = fallback;
    }
  }

  DiagnosticSink& sink_;
  const ReadOptions& options_;
  ClaimsDocument& document_;

  std::unordered_map<std::string, std::string> outlet_pointers_;  // declared in /outlets
  std::unordered_map<std::string, PredicateSlot> predicates_;
  std::unordered_map<std::string, std::string> article_ids_;
  std::unordered_map<std::string, std::string> claim_ids_;
  std::unordered_set<std::string> inline_ids_;  // every id declared inline in some via
  std::unordered_map<std::string, InlineSource> inline_sources_;
  std::optional<std::int32_t> latest_day_;
  std::vector<std::size_t> undated_articles_;
  std::vector<std::pair<std::size_t, std::size_t>> undated_claims_;  // (article, claim)
};

}  // namespace

ClaimsDocument ParseClaimsDocument(std::string_view text, const std::string& source_name,
                                   const ReadOptions& options) {
  ClaimsDocument document;
  document.source = source_name;
  document.input_digest = Sha256Digest(text);
  DiagnosticSink sink(source_name == "-" ? "<stdin>" : source_name);
  const Json root = input_internal::ParseJsonText(text, &sink);
  if (!input_internal::CheckJsonLimits(root, options, &sink)) {
    sink.ThrowIfErrors();
  }
  ClaimsReader(&sink, options, &document).Read(root);
  if (!sink.has_errors()) {
    input_internal::CheckValueLimits(document, options, &sink);
  }
  sink.ThrowIfErrors();
  document.warnings = sink.TakeWarnings();
  ThrowIfStrict(document.warnings, options);
  return document;
}

ClaimsDocument ReadClaimsDocument(const std::string& path, const ReadOptions& options) {
  return ParseClaimsDocument(ReadInputBytes(path, options.max_input_bytes), path, options);
}

}  // namespace credence

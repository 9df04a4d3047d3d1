// Reads the scores document (docs/format.md, "Output: the scores document") into the report's
// view. The document is parsed with nlohmann::json's callback parser: each element of the big
// arrays is converted as soon as it is complete and then dropped, so that memory holds the view
// (a few hundred bytes a claim) rather than the parsed tree (several kilobytes a claim).
#include "report/scores_view.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <unordered_map>

#include "credence/error.h"
#include "credence/value.h"

namespace credence::report_internal {
namespace {

using Json = nlohmann::json;

class Reader {
 public:
  explicit Reader(const std::string& source) : source_(source) {}

  [[noreturn]] void Fail(const std::string& pointer, const std::string& what) const {
    throw InputError(Diagnostic{Severity::kError, Location{source_, pointer, 0},
                                what + " (is this a scores document written by credence score?)"});
  }

  const Json& Member(const Json& object, const char* key, const std::string& pointer) const {
    if (!object.is_object()) Fail(pointer, "expected an object");
    const auto it = object.find(key);
    if (it == object.end()) Fail(pointer, std::string("missing key \"") + key + "\"");
    return *it;
  }
  // nullptr when the key is absent or null (optional keys).
  static const Json* Optional(const Json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
  }

  std::string String(const Json& object, const char* key, const std::string& pointer) const {
    const Json& value = Member(object, key, pointer);
    if (!value.is_string()) Fail(pointer + "/" + key, "expected a string");
    return value.get<std::string>();
  }
  std::string OptionalString(const Json& object, const char* key,
                             const std::string& pointer) const {
    const Json* value = Optional(object, key);
    if (value == nullptr) return {};
    if (!value->is_string()) Fail(pointer + "/" + key, "expected a string or null");
    return value->get<std::string>();
  }
  double Number(const Json& object, const char* key, const std::string& pointer) const {
    const Json& value = Member(object, key, pointer);
    if (!value.is_number()) Fail(pointer + "/" + key, "expected a number");
    return value.get<double>();
  }
  std::optional<double> OptionalNumber(const Json& object, const char* key,
                                       const std::string& pointer) const {
    const Json* value = Optional(object, key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number()) Fail(pointer + "/" + key, "expected a number or null");
    return value->get<double>();
  }
  int Integer(const Json& object, const char* key, const std::string& pointer) const {
    const Json& value = Member(object, key, pointer);
    if (!value.is_number_integer()) Fail(pointer + "/" + key, "expected an integer");
    return value.get<int>();
  }
  bool Flag(const Json& object, const char* key, const std::string& pointer) const {
    const Json* value = Optional(object, key);
    if (value == nullptr) return false;
    if (!value->is_boolean()) Fail(pointer + "/" + key, "expected true or false");
    return value->get<bool>();
  }
  std::int32_t DayOf(const Json& value, const std::string& pointer) const {
    if (!value.is_string()) Fail(pointer, "expected an ISO date");
    std::string error;
    const std::optional<Date> date = ParseIsoDate(value.get<std::string>(), &error);
    if (!date) Fail(pointer, "expected an ISO date: " + error);
    return date->FirstDay();
  }
  std::int32_t Day(const Json& object, const char* key, const std::string& pointer) const {
    return DayOf(Member(object, key, pointer), pointer + "/" + key);
  }
  std::optional<std::int32_t> OptionalDay(const Json& object, const char* key,
                                          const std::string& pointer) const {
    const Json* value = Optional(object, key);
    if (value == nullptr) return std::nullopt;
    return DayOf(*value, pointer + "/" + key);
  }
  std::vector<std::string> Strings(const Json& object, const char* key, const std::string& pointer,
                                   bool required) const {
    const Json* value = required ? &Member(object, key, pointer) : Optional(object, key);
    std::vector<std::string> strings;
    if (value == nullptr) return strings;
    if (!value->is_array()) Fail(pointer + "/" + key, "expected an array of strings");
    for (std::size_t i = 0; i < value->size(); ++i) {
      if (!(*value)[i].is_string()) {
        Fail(pointer + "/" + key + "/" + std::to_string(i), "expected a string");
      }
      strings.push_back((*value)[i].get<std::string>());
    }
    return strings;
  }
  StatusCounts Counts(const Json& object, const std::string& pointer) const {
    StatusCounts counts{};
    for (Status status : kStatuses) {
      counts[static_cast<std::size_t>(status)] =
          Integer(object, std::string(StatusName(status)).c_str(), pointer);
    }
    return counts;
  }
  Status StatusFrom(const Json& object, const std::string& pointer) const {
    const std::string name = String(object, "status", pointer);
    for (Status status : kStatuses) {
      if (StatusName(status) == name) return status;
    }
    Fail(pointer + "/status",
         "expected confirmed, contradicted, superseded or unresolved, found \"" + name + "\"");
  }

 private:
  const std::string& source_;
};

// A value as the page shows it. Quantities keep the amount as written ("6 month").
DisplayValue ValueOf(const Json& value) {
  DisplayValue display;
  if (value.is_null()) {
    display.text = "none of the claimed values";
    display.is_other = true;
  } else if (value.is_boolean()) {
    display.text = value.get<bool>() ? "true" : "false";
  } else if (value.is_string()) {
    display.text = value.get<std::string>();
  } else if (value.is_object()) {
    const auto amount = value.find("amount");
    const auto unit = value.find("unit");
    const auto text = value.find("text");
    if (unit != value.end() && unit->is_string()) display.unit = unit->get<std::string>();
    if (amount != value.end() && amount->is_number()) {
      display.is_quantity = true;
      display.amount = amount->get<double>();
    }
    if (text != value.end() && text->is_string()) {
      display.text = text->get<std::string>();
    } else {
      display.text = display.is_quantity ? amount->dump() : "unknown amount";
      if (!display.unit.empty()) display.text += " " + display.unit;
    }
  } else {
    display.text = value.dump();
  }
  return display;
}

// Claim ids as the document writes them, resolved to indices once every claim is read.
struct PendingLinks {
  std::vector<std::string> superseded_by;
  std::vector<std::string> agrees_with;
  std::vector<std::string> conflicts_with;
  std::vector<std::string> relays_with;
};

struct PendingSegmentClaims {
  std::size_t proposition;
  std::size_t segment;
  std::string pointer;
  std::vector<std::string> claims;
};

struct PendingSupersession {
  std::string subject;
  std::string predicate;
  std::string pointer;
  std::vector<std::string> superseded;
  std::vector<std::string> establishing;
};

class ViewBuilder {
 public:
  explicit ViewBuilder(const std::string& source) : read_(source) {}

  // Called by the parser for each finished element of a top-level array.
  void Element(const std::string& array, std::size_t index, const Json& element) {
    const std::string pointer = "/" + array + "/" + std::to_string(index);
    if (array == "outlets") {
      Outlet(element, pointer);
    } else if (array == "articles") {
      Article(element, pointer);
    } else if (array == "claims") {
      Claim(element, pointer);
    } else if (array == "propositions") {
      Proposition(element, pointer);
    } else if (array == "supersessions") {
      Supersession(element, pointer);
    } else if (array == "predicates") {
      Predicate(element, pointer);
    }
  }

  ScoresView Finish(const Json& root) {
    Run(root);
    // The parser dropped every element it converted: what is left was not an object.
    for (const char* key : {"outlets", "claims", "propositions", "supersessions"}) {
      const Json& array = read_.Member(root, key, "");
      if (!array.is_array() || !array.empty()) {
        read_.Fail(std::string("/") + key, "expected an array of objects");
      }
    }
    Index(view_.outlets, &view_.outlet_index);
    Index(view_.articles, &view_.article_index);
    std::unordered_map<std::string, std::size_t> claim_index;
    claim_index.reserve(view_.claims.size());
    for (std::size_t c = 0; c < view_.claims.size(); ++c) {
      if (!claim_index.emplace(view_.claims[c].id, c).second) {
        read_.Fail("/claims/" + std::to_string(c) + "/id",
                   "claim id \"" + view_.claims[c].id + "\" appears twice");
      }
    }
    const auto resolve = [&](const std::vector<std::string>& ids, const std::string& pointer) {
      std::vector<std::size_t> indices;
      indices.reserve(ids.size());
      for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto it = claim_index.find(ids[i]);
        if (it == claim_index.end()) {
          read_.Fail(pointer + "/" + std::to_string(i), "unknown claim id \"" + ids[i] + "\"");
        }
        indices.push_back(it->second);
      }
      return indices;
    };
    for (std::size_t c = 0; c < view_.claims.size(); ++c) {
      ClaimView& claim = view_.claims[c];
      const PendingLinks& links = claim_links_[c];
      const std::string pointer = "/claims/" + std::to_string(c);
      claim.superseded_by = resolve(links.superseded_by, pointer + "/superseded_by");
      claim.agrees_with = resolve(links.agrees_with, pointer + "/explanation/agrees_with");
      claim.conflicts_with = resolve(links.conflicts_with, pointer + "/explanation/conflicts_with");
      claim.relays_with = resolve(links.relays_with, pointer + "/explanation/relays_with");
      const auto proposition = proposition_index_.find({claim.subject, claim.predicate});
      if (proposition == proposition_index_.end()) {
        read_.Fail(pointer, "claim \"" + claim.id + "\" belongs to no proposition of the document");
      }
      claim.proposition = proposition->second;
      view_.propositions[proposition->second].claims.push_back(c);
    }
    claim_links_.clear();
    for (PropositionView& proposition : view_.propositions) {
      std::stable_sort(
          proposition.claims.begin(), proposition.claims.end(),
          [&](std::size_t a, std::size_t b) { return view_.claims[a].day < view_.claims[b].day; });
      if (!proposition.change_rate) {
        const auto rate = predicate_change_rates_.find(proposition.predicate);
        if (rate != predicate_change_rates_.end()) proposition.change_rate = rate->second;
      }
    }
    for (const PendingSegmentClaims& pending : segment_claims_) {
      view_.propositions[pending.proposition].timeline[pending.segment].claims =
          resolve(pending.claims, pending.pointer);
    }
    for (std::size_t e = 0; e < pending_events_.size(); ++e) {
      const PendingSupersession& pending = pending_events_[e];
      const auto proposition = proposition_index_.find({pending.subject, pending.predicate});
      if (proposition == proposition_index_.end()) {
        read_.Fail(pending.pointer, "supersession of a proposition the document does not list");
      }
      SupersessionView& event = view_.supersessions[e];
      event.proposition = proposition->second;
      event.superseded = resolve(pending.superseded, pending.pointer + "/superseded_claims");
      event.establishing = resolve(pending.establishing, pending.pointer + "/establishing_claims");
      view_.propositions[event.proposition].supersessions.push_back(e);
    }
    return std::move(view_);
  }

 private:
  template <typename Record>
  static void Index(const std::vector<Record>& records,
                    std::vector<std::pair<std::string, std::size_t>>* index) {
    index->reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) index->emplace_back(records[i].id, i);
    std::sort(index->begin(), index->end());
  }

  void Run(const Json& root) {
    RunView& run = view_.run;
    if (!root.is_object()) read_.Fail("", "expected a JSON object");
    run.schema_version = read_.String(root, "schema_version", "");
    const Json& engine = read_.Member(root, "engine", "");
    run.engine_name = read_.String(engine, "name", "/engine");
    run.engine_version = read_.String(engine, "version", "/engine");
    run.input = read_.String(engine, "input", "/engine");
    run.input_digest = read_.String(engine, "input_digest", "/engine");
    run.algorithm = read_.String(engine, "algorithm", "/engine");
    const Json& options = read_.Member(engine, "options", "/engine");
    if (!options.is_object()) read_.Fail("/engine/options", "expected an object");
    if (const Json* seed = Reader::Optional(engine, "seed")) {
      run.options.emplace_back("seed", seed->dump());
    }
    for (const auto& [name, value] : options.items()) run.options.emplace_back(name, value.dump());
    run.prior_alpha = read_.Number(options, "prior_alpha", "/engine/options");
    run.prior_beta = read_.Number(options, "prior_beta", "/engine/options");
    run.confirm_threshold = read_.Number(options, "confirm_threshold", "/engine/options");
    run.contradict_threshold = read_.Number(options, "contradict_threshold", "/engine/options");

    const Json& summary = read_.Member(root, "summary", "");
    run.iterations = read_.Integer(summary, "iterations", "/summary");
    run.converged = read_.Flag(summary, "converged", "/summary");
    run.termination = read_.String(summary, "termination", "/summary");
    run.message = read_.OptionalString(summary, "message", "/summary");
    const Json& trace = read_.Member(summary, "log_likelihood", "/summary");
    if (!trace.is_array()) read_.Fail("/summary/log_likelihood", "expected an array of numbers");
    for (const Json& value : trace) {
      if (value.is_number()) run.log_likelihood.push_back(value.get<double>());
    }
    run.final_change = read_.Number(summary, "final_change", "/summary");
    run.components = read_.Integer(summary, "components", "/summary");
    run.evidence_groups = read_.Integer(read_.Member(summary, "counts", "/summary"),
                                        "evidence_groups", "/summary/counts");
    run.claims_by_status = read_.Counts(read_.Member(summary, "claims_by_status", "/summary"),
                                        "/summary/claims_by_status");
    if (const Json* timings = Reader::Optional(summary, "timings")) {
      run.solve_seconds = read_.OptionalNumber(*timings, "solve_seconds", "/summary/timings");
    }
  }

  void Outlet(const Json& json, const std::string& pointer) {
    OutletView outlet;
    outlet.id = read_.String(json, "id", pointer);
    outlet.name = read_.OptionalString(json, "name", pointer);
    if (outlet.name.empty()) outlet.name = outlet.id;
    outlet.kind = read_.OptionalString(json, "kind", pointer);
    outlet.reliability = read_.Number(json, "reliability", pointer);
    const Json& interval = read_.Member(json, "interval", pointer);
    if (!interval.is_array() || interval.size() != 2 || !interval[0].is_number() ||
        !interval[1].is_number()) {
      read_.Fail(pointer + "/interval", "expected [low, high]");
    }
    outlet.low = interval[0].get<double>();
    outlet.high = interval[1].get<double>();
    outlet.published = read_.Integer(json, "claims", pointer);
    const std::string explained = pointer + "/explanation";
    const Json& explanation = read_.Member(json, "explanation", pointer);
    outlet.published_by_status = read_.Counts(
        read_.Member(explanation, "claims_by_status", explained), explained + "/claims_by_status");
    outlet.first_hand = read_.Integer(explanation, "first_hand", explained);
    outlet.relayed = read_.Integer(explanation, "relayed", explained);
    outlet.as_content_source = read_.Integer(explanation, "as_content_source", explained);
    outlet.note = read_.OptionalString(explanation, "note", explained);
    view_.outlets.push_back(std::move(outlet));
  }

  void Article(const Json& json, const std::string& pointer) {
    ArticleView article;
    article.id = read_.String(json, "id", pointer);
    article.outlet = read_.OptionalString(json, "outlet", pointer);
    article.published = read_.OptionalString(json, "published", pointer);
    article.title = read_.OptionalString(json, "title", pointer);
    article.url = read_.OptionalString(json, "url", pointer);
    view_.articles.push_back(std::move(article));
  }

  void Predicate(const Json& json, const std::string& pointer) {
    const std::string id = read_.String(json, "id", pointer);
    if (const std::optional<double> rate = read_.OptionalNumber(json, "change_rate", pointer)) {
      predicate_change_rates_[id] = *rate;
    }
    if (const Json* values = Reader::Optional(json, "values"); values && values->is_array()) {
      std::vector<DisplayValue>& texts = predicate_values_[id];
      for (const Json& value : *values) texts.push_back(ValueOf(value));
    }
  }

  void Claim(const Json& json, const std::string& pointer) {
    ClaimView claim;
    PendingLinks links;
    claim.id = read_.String(json, "id", pointer);
    claim.article = read_.OptionalString(json, "article", pointer);
    claim.outlet = read_.String(json, "outlet", pointer);
    claim.subject = read_.String(json, "subject", pointer);
    claim.predicate = read_.String(json, "predicate", pointer);
    claim.value = ValueOf(read_.Member(json, "value", pointer));
    claim.as_of = read_.String(json, "as_of", pointer);
    claim.day = read_.Day(json, "as_of", pointer);
    claim.as_of_fallback = read_.Flag(json, "as_of_fallback", pointer);
    claim.probability = read_.OptionalNumber(json, "probability", pointer);
    claim.status = read_.StatusFrom(json, pointer);
    links.superseded_by = read_.Strings(json, "superseded_by", pointer, false);
    claim.evidence_group = read_.OptionalString(json, "evidence_group", pointer);
    const std::string explained = pointer + "/explanation";
    const Json& explanation = read_.Member(json, "explanation", pointer);
    claim.reason = read_.OptionalString(explanation, "reason", explained);
    claim.content_source = read_.String(explanation, "content_source", explained);
    claim.via = read_.Strings(explanation, "via", explained, false);
    claim.via_inferred = read_.Flag(explanation, "via_inferred", explained);
    claim.confidence = read_.OptionalNumber(explanation, "confidence", explained).value_or(1.0);
    claim.weight = read_.OptionalNumber(explanation, "weight", explained).value_or(1.0);
    claim.source_reliability =
        read_.OptionalNumber(explanation, "source_reliability", explained).value_or(0.0);
    links.agrees_with = read_.Strings(explanation, "agrees_with", explained, false);
    links.conflicts_with = read_.Strings(explanation, "conflicts_with", explained, false);
    links.relays_with = read_.Strings(explanation, "relays_with", explained, false);
    if (const Json* influences = Reader::Optional(explanation, "influences")) {
      if (!influences->is_array()) read_.Fail(explained + "/influences", "expected an array");
      for (std::size_t i = 0; i < influences->size(); ++i) {
        const Json& entry = (*influences)[i];
        const std::string at = explained + "/influences/" + std::to_string(i);
        InfluenceView influence;
        influence.group = read_.String(entry, "evidence_group", at);
        influence.source = read_.OptionalString(entry, "source", at);
        influence.delta = read_.Number(entry, "delta", at);
        influence.num_claims = read_.Strings(entry, "claims", at, false).size();
        if (const Json* size = Reader::Optional(entry, "size"); size && size->is_number_integer()) {
          influence.num_claims = size->get<std::size_t>();
        }
        claim.influences.push_back(std::move(influence));
      }
    }
    view_.claims.push_back(std::move(claim));
    claim_links_.push_back(std::move(links));
  }

  void Proposition(const Json& json, const std::string& pointer) {
    PropositionView proposition;
    proposition.subject = read_.String(json, "subject", pointer);
    proposition.predicate = read_.String(json, "predicate", pointer);
    if (const Json* values = Reader::Optional(json, "values")) {
      if (!values->is_array()) read_.Fail(pointer + "/values", "expected an array");
      for (const Json& value : *values) proposition.values.push_back(ValueOf(value));
    } else if (const auto domain = predicate_values_.find(proposition.predicate);
               domain != predicate_values_.end()) {
      proposition.values = domain->second;
    }
    proposition.change_rate = read_.OptionalNumber(json, "change_rate", pointer);
    const Json& timeline = read_.Member(json, "timeline", pointer);
    if (!timeline.is_array()) read_.Fail(pointer + "/timeline", "expected an array");
    const std::size_t index = view_.propositions.size();
    for (std::size_t s = 0; s < timeline.size(); ++s) {
      const Json& entry = timeline[s];
      const std::string at = pointer + "/timeline/" + std::to_string(s);
      SegmentView segment;
      segment.from = read_.OptionalDay(entry, "from", at);
      segment.until = read_.OptionalDay(entry, "until", at);
      const Json& value = read_.Member(entry, "value", at);
      segment.value = ValueOf(value);
      segment.probability = read_.Number(entry, "probability", at);
      segment.evidence_from = read_.Day(entry, "evidence_from", at);
      segment.evidence_until = read_.Day(entry, "evidence_until", at);
      segment_claims_.push_back(
          {index, s, at + "/claims", read_.Strings(entry, "claims", at, true)});
      proposition.timeline.push_back(std::move(segment));
    }
    if (!proposition_index_
             .emplace(std::make_pair(proposition.subject, proposition.predicate), index)
             .second) {
      read_.Fail(pointer, "proposition listed twice");
    }
    view_.propositions.push_back(std::move(proposition));
  }

  void Supersession(const Json& json, const std::string& pointer) {
    SupersessionView event;
    PendingSupersession pending;
    pending.pointer = pointer;
    pending.subject = read_.String(json, "subject", pointer);
    pending.predicate = read_.String(json, "predicate", pointer);
    event.at = read_.Day(json, "at", pointer);
    event.kind = read_.String(json, "kind", pointer);
    event.from_value = ValueOf(read_.Member(json, "from_value", pointer));
    event.to_value = ValueOf(read_.Member(json, "to_value", pointer));
    // The temporal model's change posterior; null for algorithms without a time model.
    event.change_probability = read_.OptionalNumber(json, "probability", pointer);
    if (const Json* interval = Reader::Optional(json, "interval")) {
      if (!interval->is_array() || interval->size() != 2) {
        read_.Fail(pointer + "/interval", "expected [earliest, latest] dates");
      }
      event.interval = {read_.DayOf((*interval)[0], pointer + "/interval/0"),
                        read_.DayOf((*interval)[1], pointer + "/interval/1")};
    }
    pending.superseded = read_.Strings(json, "superseded_claims", pointer, true);
    pending.establishing = read_.Strings(json, "establishing_claims", pointer, true);
    view_.supersessions.push_back(std::move(event));
    pending_events_.push_back(std::move(pending));
  }

  Reader read_;
  ScoresView view_;
  std::vector<PendingLinks> claim_links_;
  std::vector<PendingSegmentClaims> segment_claims_;
  std::vector<PendingSupersession> pending_events_;
  std::map<std::pair<std::string, std::string>, std::size_t> proposition_index_;
  std::map<std::string, double> predicate_change_rates_;
  std::map<std::string, std::vector<DisplayValue>> predicate_values_;
};

std::size_t Find(const std::vector<std::pair<std::string, std::size_t>>& index,
                 std::string_view id) {
  const auto it = std::lower_bound(index.begin(), index.end(), id,
                                   [](const std::pair<std::string, std::size_t>& entry,
                                      std::string_view key) { return entry.first < key; });
  return it != index.end() && it->first == id ? it->second : ScoresView::kNone;
}

}  // namespace

std::string_view StatusName(Status status) {
  switch (status) {
    case Status::kConfirmed:
      return "confirmed";
    case Status::kContradicted:
      return "contradicted";
    case Status::kSuperseded:
      return "superseded";
    case Status::kUnresolved:
      return "unresolved";
  }
  return "unresolved";
}

std::size_t ScoresView::FindOutlet(std::string_view id) const { return Find(outlet_index, id); }
std::size_t ScoresView::FindArticle(std::string_view id) const { return Find(article_index, id); }

ScoresView ReadScoresView(std::string_view text, const std::string& source) {
  ViewBuilder builder(source);
  std::string array;  // the top-level key whose array is being read
  std::map<std::string, std::size_t> next_index;
  const Json::parser_callback_t callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth == 1 && event == Json::parse_event_t::key) {
      array = parsed.get<std::string>();
    } else if (depth == 2 && event == Json::parse_event_t::object_end &&
               (array == "outlets" || array == "articles" || array == "claims" ||
                array == "propositions" || array == "supersessions" || array == "predicates")) {
      builder.Element(array, next_index[array]++, parsed);
      return false;  // converted: drop it from the tree
    }
    return true;
  };
  Json root;
  try {
    root = Json::parse(text.begin(), text.end(), callback);
  } catch (const Json::parse_error& error) {
    throw InputError(Diagnostic{Severity::kError, Location{source, "", 0},
                                std::string("not valid JSON: ") + error.what()});
  }
  return builder.Finish(root);
}

}  // namespace credence::report_internal

// The scores document: the data contract's output, written from a ClaimStore and a ScoreReport.
#include <array>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credence/output.h"
#include "credence/version.h"
#include "output/value_json.h"

namespace credence {
namespace {

using output_internal::Number;
using output_internal::OrderedJson;

constexpr std::array<ClaimStatus, 4> kStatuses = {
    ClaimStatus::kConfirmed, ClaimStatus::kContradicted, ClaimStatus::kSuperseded,
    ClaimStatus::kUnresolved};

std::size_t StatusIndex(ClaimStatus status) { return static_cast<std::size_t>(status); }

OrderedJson StatusCounts(const std::array<int, 4>& counts) {
  OrderedJson json = OrderedJson::object();
  for (ClaimStatus status : kStatuses) {
    json[ToString(status)] = counts[StatusIndex(status)];
  }
  return json;
}

std::string Plural(int count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// One factual sentence built only from counts, so that it can never disagree with the numbers
// next to it.
std::string OutletNote(const OutletScore& outlet, const std::array<int, 4>& first_hand_by_status) {
  const int first_hand = outlet.published - outlet.relayed;
  std::vector<std::string> parts;
  if (first_hand > 0) {
    std::string breakdown;
    for (ClaimStatus status : kStatuses) {
      const int count = first_hand_by_status[StatusIndex(status)];
      if (count == 0) {
        continue;
      }
      breakdown += (breakdown.empty() ? "" : ", ") + std::to_string(count) + " " +
                   std::string(ToString(status));
    }
    parts.push_back(Plural(first_hand, "first-hand claim") + " (" + breakdown + ")");
  } else if (outlet.published == 0) {
    parts.emplace_back("publishes no claims in this document");
  }
  if (outlet.relayed > 0) {
    parts.push_back(Plural(outlet.relayed, "relayed claim") + " judged on faithful relay");
  }
  const int relayed_by_others = outlet.as_content_source - first_hand;
  if (relayed_by_others > 0) {
    parts.push_back("content source of " + Plural(relayed_by_others, "claim") +
                    " relayed by others");
  }
  if (first_hand_by_status[StatusIndex(ClaimStatus::kSuperseded)] > 0) {
    parts.emplace_back("superseded claims are not penalised");
  }
  std::string note;
  for (const std::string& part : parts) {
    note += (note.empty() ? "" : "; ") + part;
  }
  return note;
}

class ScoresWriter {
 public:
  ScoresWriter(const ClaimStore& store, const ScoreReport& report)
      : store_(store), report_(report) {}

  // The document as nlohmann's dump(2) would print it, one array element at a time: memory
  // holds one claim's JSON, not the whole document (gigabytes for millions of claims).
  void Write(std::ostream& out) const {
    out << "{\n  \"schema_version\": \"1\",\n";
    Member(out, "engine", Engine());
    out << ",\n";
    Member(out, "summary", Summary());
    out << ",\n";
    Member(out, "outlets", Outlets());
    out << ",\n";
    StreamArray(out, "articles", store_.articles().size(),
                [this](std::size_t a) { return Article(store_.articles()[a]); });
    out << ",\n";
    StreamArray(out, "predicates", store_.predicates().size(),
                [this](std::size_t q) { return Predicate(q); });
    out << ",\n";
    StreamArray(out, "claims", store_.num_claims(), [this](std::size_t c) { return Claim(c); });
    out << ",\n";
    StreamArray(out, "propositions", store_.num_propositions(),
                [this](std::size_t p) { return Proposition(p); });
    out << ",\n";
    StreamArray(out, "supersessions", report_.supersessions.size(),
                [this](std::size_t e) { return Supersession(report_.supersessions[e]); });
    out << "\n}\n";
  }

 private:
  std::string ClaimId(std::uint32_t claim) const { return store_.ClaimId(claim); }
  const std::string& OutletId(std::uint32_t outlet) const { return store_.outlets()[outlet].id; }
  const std::string& PredicateId(std::size_t proposition) const {
    return store_.PredicateOf(proposition).id;
  }

  OrderedJson ClaimIds(std::span<const std::uint32_t> claims) const {
    OrderedJson ids = OrderedJson::array();
    for (std::uint32_t claim : claims) {
      ids.push_back(ClaimId(claim));
    }
    return ids;
  }

  // The first claim of a group stands for it: ids are what a reader can look up.
  std::string GroupId(std::uint32_t group) const {
    return ClaimId(store_.ClaimsOfGroup(group).front());
  }

  static OrderedJson Day(std::optional<std::int32_t> day) {
    return day ? OrderedJson(FormatIsoDay(*day)) : OrderedJson(nullptr);
  }

  OrderedJson Engine() const {
    const SolverOptions& options = report_.options;
    OrderedJson engine = OrderedJson::object();
    engine["name"] = "credence";
    engine["version"] = std::string(Version());
    engine["input"] = store_.source();
    engine["input_digest"] = store_.input_digest();
    engine["algorithm"] = options.algorithm;
    engine["seed"] = options.seed;
    // num_threads is left out on purpose: the output is the same for any thread count.
    OrderedJson values = OrderedJson::object();
    values["max_iterations"] = options.max_iterations;
    values["tolerance"] = Number(options.tolerance);
    values["prior_alpha"] = Number(options.prior_alpha);
    values["prior_beta"] = Number(options.prior_beta);
    values["change_rate_per_year"] = Number(options.change_rate_per_year);
    values["change_rate_prior_years"] = Number(options.change_rate_prior_years);
    values["dated_change_count"] = Number(options.dated_change_count);
    values["probability_clamp"] = Number(options.probability_clamp);
    values["confirm_threshold"] = Number(options.confirm_threshold);
    values["contradict_threshold"] = Number(options.contradict_threshold);
    values["explain_max_groups"] = options.explain_max_groups;
    values["confusion_pseudo_count"] = Number(options.confusion_pseudo_count);
    engine["options"] = std::move(values);
    return engine;
  }

  OrderedJson Summary() const {
    const SolverSummary& summary = report_.summary;
    OrderedJson json = OrderedJson::object();
    json["iterations"] = summary.iterations;
    json["converged"] = summary.IsConverged();
    json["termination"] = std::string(ToString(summary.termination));
    json["message"] = summary.message;
    OrderedJson trace = OrderedJson::array();
    for (double value : summary.log_likelihood) {
      trace.push_back(Number(value));
    }
    json["log_likelihood"] = std::move(trace);
    json["final_change"] = Number(summary.final_change);
    json["components"] = report_.num_components;
    OrderedJson counts = OrderedJson::object();
    counts["outlets"] = store_.num_outlets();
    counts["claims"] = store_.num_claims();
    counts["propositions"] = store_.num_propositions();
    counts["evidence_groups"] = store_.num_groups();
    json["counts"] = std::move(counts);
    std::array<int, 4> by_status{};
    for (const ClaimScore& claim : report_.claims) {
      ++by_status[StatusIndex(claim.status)];
    }
    json["claims_by_status"] = StatusCounts(by_status);
    OrderedJson timings = OrderedJson::object();
    timings["solve_seconds"] = Number(summary.solve_seconds);
    json["timings"] = std::move(timings);
    return json;
  }

  OrderedJson Outlets() const {
    // First-hand claims by status, for the explanation note (OutletScore counts all published).
    std::vector<std::array<int, 4>> first_hand(store_.num_outlets());
    for (std::size_t c = 0; c < store_.num_claims(); ++c) {
      if (store_.IsRelayed(c)) {
        continue;
      }
      ++first_hand[store_.claim_outlet()[c]][StatusIndex(report_.claims[c].status)];
    }
    OrderedJson outlets = OrderedJson::array();
    for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
      const OutletRecord& record = store_.outlets()[s];
      const OutletScore& score = report_.outlets[s];
      OrderedJson outlet = OrderedJson::object();
      outlet["id"] = record.id;
      outlet["name"] = record.name;
      outlet["kind"] = record.kind;
      outlet["reliability"] = Number(score.reliability);
      outlet["interval"] =
          OrderedJson::array({Number(score.interval[0]), Number(score.interval[1])});
      outlet["claims"] = score.published;
      OrderedJson explanation = OrderedJson::object();
      explanation["claims_by_status"] = StatusCounts(score.published_by_status);
      explanation["first_hand"] = score.published - score.relayed;
      explanation["relayed"] = score.relayed;
      explanation["as_content_source"] = score.as_content_source;
      OrderedJson posterior = OrderedJson::object();
      posterior["alpha"] = Number(score.posterior_alpha);
      posterior["beta"] = Number(score.posterior_beta);
      explanation["posterior"] = std::move(posterior);
      OrderedJson prior = OrderedJson::object();
      prior["alpha"] = Number(report_.options.prior_alpha);
      prior["beta"] = Number(report_.options.prior_beta);
      explanation["prior"] = std::move(prior);
      explanation["note"] = OutletNote(score, first_hand[s]);
      outlet["explanation"] = std::move(explanation);
      outlets.push_back(std::move(outlet));
    }
    return outlets;
  }

  // What a reader needs to find the article: the report links each claim to it.
  OrderedJson Article(const ArticleInfo& info) const {
    OrderedJson article = OrderedJson::object();
    article["id"] = info.id;
    article["outlet"] = OutletId(info.outlet);
    article["published"] = info.published
                               ? output_internal::ValueToJson(Value::FromDate(*info.published))
                               : OrderedJson(nullptr);
    article["title"] = info.title;
    article["url"] = info.url;
    return article;
  }

  OrderedJson Influences(const std::vector<Influence>& influences) const {
    OrderedJson list = OrderedJson::array();
    for (const Influence& influence : influences) {
      const auto members = store_.ClaimsOfGroup(influence.group);
      OrderedJson entry = OrderedJson::object();
      entry["evidence_group"] = GroupId(influence.group);
      entry["claims"] = ClaimIds(members);
      entry["source"] = OutletId(store_.claim_source()[members.front()]);
      entry["delta"] = Number(influence.delta);
      list.push_back(std::move(entry));
    }
    return list;
  }

  // `value` dumped with indent 2 and every line after the first indented by `depth` more
  // spaces, as it would appear nested at that depth.
  static void Nested(std::ostream& out, const OrderedJson& value, std::size_t depth) {
    // Invalid UTF-8 cannot come from a validated document, but a writer must not throw halfway.
    const std::string text =
        value.dump(2, ' ', /*ensure_ascii=*/false, OrderedJson::error_handler_t::replace);
    const std::string indent(depth, ' ');
    std::size_t start = 0;
    for (std::size_t newline = text.find('\n'); newline != std::string::npos;
         newline = text.find('\n', start)) {
      out.write(text.data() + start, static_cast<std::streamsize>(newline + 1 - start));
      out << indent;
      start = newline + 1;
    }
    out.write(text.data() + start, static_cast<std::streamsize>(text.size() - start));
  }

  // `  "key": value` at depth 1 (keys here are plain ASCII).
  static void Member(std::ostream& out, std::string_view key, const OrderedJson& value) {
    out << "  \"" << key << "\": ";
    Nested(out, value, 2);
  }

  template <typename Element>
  static void StreamArray(std::ostream& out, std::string_view key, std::size_t size,
                          const Element& element) {
    out << "  \"" << key << "\": ";
    if (size == 0) {
      out << "[]";
      return;
    }
    out << "[\n";
    for (std::size_t i = 0; i < size; ++i) {
      if (i > 0) out << ",\n";
      out << "    ";
      Nested(out, element(i), 4);
    }
    out << "\n  ]";
  }

  OrderedJson Claim(std::size_t c) const {
    const ClaimRecord record = store_.claim_record(c);
    const ClaimScore& score = report_.claims[c];
    const std::uint32_t source = store_.claim_source()[c];
    OrderedJson claim = OrderedJson::object();
    claim["id"] = record.id;
    const std::uint32_t article = store_.claim_article(c);
    claim["article"] = article == ClaimStore::kNotFound
                           ? OrderedJson(nullptr)
                           : OrderedJson(store_.articles()[article].id);
    claim["outlet"] = OutletId(store_.claim_outlet()[c]);
    claim["subject"] = record.subject;
    claim["predicate"] = record.predicate;
    claim["value"] = output_internal::ValueToJson(record.value);
    claim["as_of"] = FormatIsoDay(store_.claim_day()[c]);
    if (record.as_of_is_fallback) {
      claim["as_of_fallback"] = true;
    }
    claim["probability"] = score.probability ? Number(*score.probability) : OrderedJson(nullptr);
    claim["status"] = std::string(ToString(score.status));
    claim["superseded_by"] = ClaimIds(score.superseded_by);
    claim["evidence_group"] = GroupId(store_.claim_group()[c]);
    claim["component"] = score.component;
    OrderedJson explanation = OrderedJson::object();
    explanation["reason"] = score.reason;
    explanation["content_source"] = OutletId(source);
    explanation["via"] = record.via;
    if (record.via_inferred) {
      explanation["via_inferred"] = true;
    }
    explanation["confidence"] = Number(record.confidence);
    explanation["weight"] = output_internal::ShortestNumber(store_.claim_weight()[c]);
    explanation["source_reliability"] = Number(report_.outlets[source].reliability);
    explanation["agrees_with"] = ClaimIds(score.agrees_with);
    explanation["conflicts_with"] = ClaimIds(score.conflicts_with);
    explanation["relays_with"] = ClaimIds(score.relays_with);
    explanation["influences"] = Influences(score.influences);
    claim["explanation"] = std::move(explanation);
    return claim;
  }

  OrderedJson Proposition(std::size_t p) const {
    const PropositionInfo& info = store_.propositions()[p];
    OrderedJson proposition = OrderedJson::object();
    proposition["subject"] = info.subject;
    proposition["predicate"] = PredicateId(p);
    OrderedJson values = OrderedJson::array();
    for (const Value& value : store_.ValuesOf(p)) {
      values.push_back(output_internal::ValueToJson(value));
    }
    proposition["values"] = std::move(values);
    OrderedJson timeline = OrderedJson::array();
    for (const TimelineEntry& entry : report_.timelines[p]) {
      OrderedJson segment = OrderedJson::object();
      segment["from"] = Day(entry.from);
      segment["until"] = Day(entry.until);
      segment["value"] = output_internal::StateToJson(store_, p, entry.state);
      segment["probability"] = Number(entry.probability);
      segment["evidence_from"] = FormatIsoDay(entry.evidence_from);
      segment["evidence_until"] = FormatIsoDay(entry.evidence_until);
      segment["claims"] = ClaimIds(entry.claims);
      timeline.push_back(std::move(segment));
    }
    proposition["timeline"] = std::move(timeline);
    return proposition;
  }

  OrderedJson Predicate(std::size_t q) const {
    const PredicateRecord& predicate = store_.predicates()[q];
    OrderedJson json = OrderedJson::object();
    json["id"] = predicate.id;
    json["value_kind"] = std::string(ToString(predicate.value_kind));
    switch (predicate.mutability) {
      case Mutability::kLearned:
        json["mutable"] = nullptr;
        break;
      case Mutability::kMutable:
        json["mutable"] = true;
        break;
      case Mutability::kImmutable:
        json["mutable"] = false;
        break;
    }
    const double prior =
        predicate.CanChange()
            ? predicate.change_rate_per_year.value_or(report_.options.change_rate_per_year)
            : 0.0;
    json["change_rate_prior"] = Number(prior);
    json["change_rate"] = q < report_.change_rate_per_year.size()
                              ? Number(report_.change_rate_per_year[q])
                              : OrderedJson(nullptr);
    return json;
  }

  OrderedJson Supersession(const struct Supersession& event) const {
    const std::size_t p = event.proposition;
    OrderedJson json = OrderedJson::object();
    json["subject"] = store_.propositions()[p].subject;
    json["predicate"] = PredicateId(p);
    json["at"] = FormatIsoDay(event.at);
    json["probability"] = event.probability ? Number(*event.probability) : OrderedJson(nullptr);
    json["probability_if_earlier_true"] = event.probability_if_earlier_true
                                              ? Number(*event.probability_if_earlier_true)
                                              : OrderedJson(nullptr);
    if (event.interval) {
      json["interval"] = {FormatIsoDay((*event.interval)[0]), FormatIsoDay((*event.interval)[1])};
    } else {
      json["interval"] = nullptr;
    }
    json["kind"] = std::string(ToString(event.kind));
    json["from_value"] = output_internal::StateToJson(store_, p, event.from_state);
    json["to_value"] = output_internal::StateToJson(store_, p, event.to_state);
    json["superseded_claims"] = ClaimIds(event.superseded_claims);
    json["establishing_claims"] = ClaimIds(event.establishing_claims);
    return json;
  }

  const ClaimStore& store_;
  const ScoreReport& report_;
};

}  // namespace

void WriteScoresJson(const ClaimStore& store, const ScoreReport& report, std::ostream& out) {
  output_internal::CheckReportMatches(store, report);
  ScoresWriter(store, report).Write(out);
}

std::string ScoresToJson(const ClaimStore& store, const ScoreReport& report) {
  std::ostringstream out;
  WriteScoresJson(store, report, out);
  return std::move(out).str();
}

}  // namespace credence

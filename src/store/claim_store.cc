// Lookups and the cold per-claim data of the store.
#include "credence/claim_store.h"

#include <string>

namespace credence {
namespace {

// The date at the granularity that names exactly this period (a day, a month or a year).
Date DateOfPeriod(const DayPeriod& period) {
  Date date = CivilFromDays(period.first);
  if (period.last == period.first) return date;
  date.day = 0;
  date.granularity = DateGranularity::kMonth;
  if (date.LastDay() == period.last) return date;
  date.month = 0;
  date.granularity = DateGranularity::kYear;
  return date;
}

}  // namespace

std::uint32_t ClaimStore::FindOutlet(std::string_view id) const {
  for (std::size_t i = 0; i < outlets_.size(); ++i) {
    if (outlets_[i].id == id) return static_cast<std::uint32_t>(i);
  }
  return kNotFound;
}

std::string ClaimStore::ClaimId(std::size_t claim) const {
  if (has_claim_records()) return claim_records_[claim].id;
  if (!claim_id_end_.empty()) {
    const std::uint64_t begin = claim == 0 ? 0 : claim_id_end_[claim - 1];
    if (claim_id_end_[claim] > begin) {
      return claim_id_text_.substr(begin, claim_id_end_[claim] - begin);
    }
  }
  std::string id = propositions_[claim_proposition_[claim]].subject;
  id += '/';
  id += outlets_[claim_outlet_[claim]].id;
  const auto repeat = std::lower_bound(
      repeat_suffix_.begin(), repeat_suffix_.end(),
      std::pair<std::uint32_t, std::uint32_t>{static_cast<std::uint32_t>(claim), 0});
  if (repeat != repeat_suffix_.end() && repeat->first == claim) {
    id += '#';
    id += std::to_string(repeat->second);
  }
  return id;
}

ClaimRecord ClaimStore::claim_record(std::size_t claim) const {
  if (has_claim_records()) return claim_records_[claim];
  ClaimRecord record;
  record.id = ClaimId(claim);
  const std::size_t p = claim_proposition_[claim];
  record.subject = propositions_[p].subject;
  record.predicate = predicates_[propositions_[p].predicate].id;
  const std::uint32_t state = claim_state_[claim];
  if (state < propositions_[p].num_values) record.value = ValuesOf(p)[state];
  record.as_of = CivilFromDays(claim_day_[claim]);
  record.as_of_is_fallback = days_are_fallback_;
  const ChangeDates dates = change_dates(claim);
  if (dates.since) record.since = DateOfPeriod(*dates.since);
  if (dates.until) record.until = DateOfPeriod(*dates.until);
  if (IsRelayed(claim)) record.via = {outlets_[claim_source()[claim]].id};
  record.confidence = static_cast<double>(claim_weight_[claim]) *
                      static_cast<double>(ClaimsOfGroup(claim_group_[claim]).size());
  return record;
}

}  // namespace credence

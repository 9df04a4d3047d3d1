// A small hand-made store and score report shared by the writer tests, so that they need no
// solver. Every number in the report was chosen by hand and is consistent with the store:
//
//   claim  id     outlet  subject    predicate  value      as_of       source  status
//   0      a0/c1  np      Syria      member_of  false      2025-01-10  np      superseded
//   1      a1/c1  an      Syria      member_of  false      2025-01-12  an      superseded
//   2      a2/c1  np      Syria      member_of  true       2025-04-14  np      confirmed
//   3      a3/c1  an      Syria      member_of  true       2025-04-15  envoy   confirmed
//   4      a4/c1  np      Coalition  size       80 count   2025-04-14  np      confirmed
//   5      a5/c1  an      Coalition  size       unknown    2025-04-18  an      unresolved
//   6      a6/c1  np      Syria      member_of  true       2025-04-16  envoy   confirmed
//   7      a7/c1  an      Coalition  size       95 count   2025-04-20  an      contradicted
//
// Claims 3 and 6 relay the same person and form one evidence group (weight 0.5 each).
#ifndef CREDENCE_TESTS_OUTPUT_SAMPLE_REPORT_H_
#define CREDENCE_TESTS_OUTPUT_SAMPLE_REPORT_H_

#include <cstdint>
#include <string>

#include "credence/claim_store.h"
#include "credence/result.h"
#include "credence/value.h"
#include "test_support.h"

namespace credence::testing {

inline std::int32_t Day(int year, int month, int day) { return DaysFromCivil(year, month, day); }

inline ClaimsDocument SampleDocument() {
  DocumentBuilder builder;
  builder.Outlet("np").Outlet("an").Outlet("envoy", "person");
  builder.Predicate("member_of", ValueKind::kBoolean, /*is_mutable=*/true);
  builder.Predicate("size", ValueKind::kQuantity);
  builder.Claim("np", "Syria", "member_of", Value::Boolean(false), Day(2025, 1, 10))
      .Claim("an", "Syria", "member_of", Value::Boolean(false), Day(2025, 1, 12))
      .Claim("np", "Syria", "member_of", Value::Boolean(true), Day(2025, 4, 14))
      .Claim("an", "Syria", "member_of", Value::Boolean(true), Day(2025, 4, 15), {"envoy"})
      .Claim("np", "Coalition", "size", Value::Quantity(80.0, "count"), Day(2025, 4, 14))
      .Claim("an", "Coalition", "size", Value::Quantity(std::nullopt, "count"), Day(2025, 4, 18))
      .Claim("np", "Syria", "member_of", Value::Boolean(true), Day(2025, 4, 16), {"envoy"})
      .Claim("an", "Coalition", "size", Value::Quantity(95.0, "count"), Day(2025, 4, 20));
  ClaimsDocument document = builder.Document();
  document.source = "sample \"claims\".json";
  document.input_digest = "sha256:" + std::string(64, '0');
  document.outlets[0].name = "North Press";
  document.articles[0].claims[0].as_of_is_fallback = true;
  document.articles[3].claims[0].via_inferred = true;
  document.articles[4].claims[0].confidence = 0.5;
  return document;
}

inline ClaimStore SampleStore() { return BuildClaimStore(SampleDocument()); }

inline ScoreReport SampleReport() {
  ScoreReport report;
  // Every option set here, so that the tests do not depend on the library's defaults.
  report.options.algorithm = "temporal-em";
  report.options.max_iterations = 150;
  report.options.tolerance = 1e-7;
  report.options.prior_alpha = 3.0;
  report.options.prior_beta = 1.0;
  report.options.change_rate_per_year = 0.5;
  report.options.probability_clamp = 1e-6;
  report.options.confirm_threshold = 0.8;
  report.options.contradict_threshold = 0.2;
  report.options.explain_max_groups = 32;
  report.options.seed = 7;
  report.options.num_threads = 3;
  report.summary.algorithm = "temporal-em";
  report.summary.iterations = 12;
  report.summary.termination = TerminationType::kConvergence;
  report.summary.log_likelihood = {-10.5, -9.25, -9.125};
  report.summary.final_change = 4.1e-7;
  report.summary.solve_seconds = 0.25;
  report.num_components = 3;

  // np, an, envoy: counts follow the table above.
  report.outlets.resize(3);
  report.outlets[0] = {0.9, {0.7, 0.98}, 5.5, 1.5, {3, 0, 1, 0}, 4, 1, 3};
  report.outlets[1] = {0.6, {0.35, 0.8}, 4.0, 2.5, {1, 1, 1, 1}, 4, 1, 3};
  report.outlets[2] = {0.75, {0.4, 0.95}, 3.5, 1.0, {0, 0, 0, 0}, 0, 0, 2};

  report.claims.resize(8);
  const auto set = [&](std::uint32_t c, std::optional<double> p, ClaimStatus status,
                       std::uint32_t component, std::string reason) {
    report.claims[c].probability = p;
    report.claims[c].status = status;
    report.claims[c].component = component;
    report.claims[c].reason = std::move(reason);
  };
  set(0, 0.95, ClaimStatus::kSuperseded, 0, "held when made");
  set(1, 0.9, ClaimStatus::kSuperseded, 0, "held when made");
  set(2, 0.97, ClaimStatus::kConfirmed, 0, "above the confirm threshold");
  set(3, 0.96, ClaimStatus::kConfirmed, 0, "above the confirm threshold");
  set(4, 0.85, ClaimStatus::kConfirmed, 1, "above the confirm threshold");
  set(5, std::nullopt, ClaimStatus::kUnresolved, 2, "its value has no known magnitude");
  set(6, 0.96, ClaimStatus::kConfirmed, 0, "above the confirm threshold");
  set(7, 0.1, ClaimStatus::kContradicted, 1, "below the contradict threshold");
  report.claims[0].superseded_by = {2, 3, 6};
  report.claims[1].superseded_by = {2, 3, 6};
  report.claims[0].agrees_with = {1};
  report.claims[1].agrees_with = {0};
  report.claims[2].agrees_with = {3, 6};
  report.claims[3].agrees_with = {2};
  report.claims[6].agrees_with = {2};
  report.claims[3].relays_with = {6};
  report.claims[6].relays_with = {3};
  report.claims[4].conflicts_with = {7};
  report.claims[7].conflicts_with = {4};
  // Group 3 is claims 3 and 6 (the envoy's), group 0 is claim 0.
  report.claims[2].influences = {{3, 0.02}, {0, -0.01}};

  report.timelines.resize(2);
  TimelineEntry before;
  before.until = Day(2025, 4, 14);
  before.state = 0;
  before.probability = 0.93;
  before.evidence_from = Day(2025, 1, 10);
  before.evidence_until = Day(2025, 1, 12);
  before.claims = {0, 1};
  TimelineEntry after;
  after.from = Day(2025, 4, 14);
  after.state = 1;
  after.probability = 0.96;
  after.evidence_from = Day(2025, 4, 14);
  after.evidence_until = Day(2025, 4, 16);
  after.claims = {2, 3, 6};
  report.timelines[0] = {before, after};
  TimelineEntry size;
  size.state = 0;
  size.probability = 0.85;
  size.evidence_from = Day(2025, 4, 14);
  size.evidence_until = Day(2025, 4, 20);
  size.claims = {4, 5, 7};
  report.timelines[1] = {size};

  Supersession event;
  event.proposition = 0;
  event.at = Day(2025, 4, 14);
  event.kind = SupersessionKind::kWorldChange;
  event.from_state = 0;
  event.to_state = 1;
  event.superseded_claims = {0, 1};
  event.establishing_claims = {2, 3, 6};
  report.supersessions = {event};
  return report;
}

}  // namespace credence::testing

#endif  // CREDENCE_TESTS_OUTPUT_SAMPLE_REPORT_H_

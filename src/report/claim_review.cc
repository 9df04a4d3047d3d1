// schema.org ClaimReview (https://schema.org/ClaimReview) for every scored claim, with the
// properties Google's fact-check documentation requires (claimReviewed, reviewRating with
// alternateName, url) and recommends (author, itemReviewed as a Claim with its author and date).
#include "credence/claim_review.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "credence/value.h"
#include "report/html.h"
#include "report/review_rating.h"
#include "report/scores_view.h"

namespace credence {
namespace {

using Json = nlohmann::ordered_json;
using report_internal::ClaimView;
using report_internal::ScoresView;

bool IsWebUrl(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

Json Person(const std::string& kind, const std::string& name) {
  Json author = Json::object();
  author["@type"] = kind == "person" ? "Person" : "Organization";
  author["name"] = name;
  return author;
}

Json Review(const ScoresView& view, const ClaimView& claim, const ClaimReviewOptions& options) {
  const report_internal::ReviewRating rating = report_internal::RateClaim(
      claim.status, *claim.probability, view.run.contradict_threshold, view.run.confirm_threshold);
  Json review = Json::object();
  review["@context"] = "https://schema.org";
  review["@type"] = "ClaimReview";
  review["url"] = options.review_url + "#" + report_internal::Anchor("claim", claim.id);
  review["claimReviewed"] =
      claim.subject + " \xE2\x80\x94 " + claim.predicate + ": " + claim.value.text;
  Json author = Json::object();
  author["@type"] = "Organization";
  author["name"] = options.organization;
  if (!options.organization_url.empty()) author["url"] = options.organization_url;
  review["author"] = std::move(author);
  if (!options.date_published.empty()) review["datePublished"] = options.date_published;

  Json item = Json::object();
  item["@type"] = "Claim";
  const std::size_t outlet = view.FindOutlet(claim.outlet);
  item["author"] = outlet == ScoresView::kNone
                       ? Person("outlet", claim.outlet)
                       : Person(view.outlets[outlet].kind, view.outlets[outlet].name);
  const std::size_t article =
      claim.article.empty() ? ScoresView::kNone : view.FindArticle(claim.article);
  std::string date = claim.as_of_fallback ? std::string() : claim.as_of;
  if (article != ScoresView::kNone) {
    const report_internal::ArticleView& record = view.articles[article];
    if (!record.published.empty()) date = record.published;
    if (IsWebUrl(record.url) || !record.title.empty()) {
      Json appearance = Json::object();
      appearance["@type"] = "CreativeWork";
      if (IsWebUrl(record.url)) appearance["url"] = record.url;
      if (!record.title.empty()) appearance["headline"] = record.title;
      item["appearance"] = Json::array({std::move(appearance)});
    }
  }
  if (!date.empty()) item["datePublished"] = date;
  review["itemReviewed"] = std::move(item);

  Json rating_json = Json::object();
  rating_json["@type"] = "Rating";
  rating_json["ratingValue"] = rating.value;
  rating_json["bestRating"] = report_internal::kBestRating;
  rating_json["worstRating"] = report_internal::kWorstRating;
  rating_json["alternateName"] = std::string(rating.name);
  std::string explanation = "Probability " + report_internal::Fixed(*claim.probability, 3) +
                            " that it was true as of " + claim.as_of + " (" +
                            std::string(report_internal::StatusName(claim.status)) + ")";
  if (!claim.reason.empty()) explanation += ": " + claim.reason;
  rating_json["ratingExplanation"] = explanation;
  review["reviewRating"] = std::move(rating_json);
  return review;
}

}  // namespace

bool ClaimReviewOptions::IsValid(std::string* error) const {
  const auto fail = [&](const std::string& message) {
    if (error != nullptr) *error = message;
    return false;
  };
  if (organization.empty()) return fail("the reviewing organisation's name is required");
  if (!IsWebUrl(review_url)) {
    return fail("the review page URL must start with http:// or https://, found \"" + review_url +
                "\"");
  }
  if (review_url.find('#') != std::string::npos) {
    return fail("the review page URL must not have a fragment (#...): each review adds its own");
  }
  if (!organization_url.empty() && !IsWebUrl(organization_url)) {
    return fail("the organisation URL must start with http:// or https://");
  }
  if (!date_published.empty()) {
    std::string parse_error;
    const std::optional<Date> date = ParseIsoDate(date_published, &parse_error);
    if (!date || date->granularity != DateGranularity::kDay) {
      return fail("the publication date must be an ISO day (YYYY-MM-DD), found \"" +
                  date_published + "\"");
    }
  }
  return true;
}

void WriteClaimReviews(std::string_view scores_document, const std::string& source,
                       const ClaimReviewOptions& options, std::ostream& out) {
  std::string error;
  if (!options.IsValid(&error)) throw std::invalid_argument(error);
  const ScoresView view = report_internal::ReadScoresView(scores_document, source);
  out << '[';
  bool first = true;
  for (const ClaimView& claim : view.claims) {
    if (!claim.probability) continue;  // not scored: there is nothing to rate
    out << (first ? "\n  " : ",\n  ");
    first = false;
    const std::string text =
        Review(view, claim, options).dump(2, ' ', false, Json::error_handler_t::replace);
    // Indented one level, as an element of the array.
    for (const char c : text) {
      out << c;
      if (c == '\n') out << "  ";
    }
  }
  out << (first ? "]\n" : "\n]\n");
}

}  // namespace credence

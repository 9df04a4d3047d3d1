// schema.org ClaimReview export: one review per scored claim of a scores document, as JSON-LD,
// the format fact-checkers publish and search engines read. The mapping from a claim's status
// and probability to a rating is in docs/report.md ("ClaimReview export").
#ifndef CREDENCE_CLAIM_REVIEW_H_
#define CREDENCE_CLAIM_REVIEW_H_

#include <ostream>
#include <string>
#include <string_view>

namespace credence {

struct ClaimReviewOptions {
  // The organisation running credence: the author of every review. Required.
  std::string organization;
  std::string organization_url;  // optional
  // The page that publishes the reviews (normally the HTML report): each review's `url` is this
  // page with the claim's anchor, "https://example.org/report.html#claim-np_2Fc1". Required:
  // Google reads a ClaimReview only with the URL of the page that hosts it. http or https.
  std::string review_url;
  // The date the reviews are published (ISO "YYYY-MM-DD"); left out when empty, so that the
  // same scores always give the same bytes.
  std::string date_published;

  bool IsValid(std::string* error) const;
};

// Writes a JSON array of ClaimReview objects, one per claim with a probability, in document
// order. Throws std::invalid_argument for invalid options and credence::InputError naming
// `source` and a JSON pointer when the text is not a scores document.
void WriteClaimReviews(std::string_view scores_document, const std::string& source,
                       const ClaimReviewOptions& options, std::ostream& out);

}  // namespace credence

#endif  // CREDENCE_CLAIM_REVIEW_H_

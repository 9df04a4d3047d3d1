#include "credence/document.h"

namespace credence {

std::size_t ClaimsDocument::NumClaims() const {
  std::size_t count = 0;
  for (const ArticleRecord& article : articles) {
    count += article.claims.size();
  }
  return count;
}

}  // namespace credence

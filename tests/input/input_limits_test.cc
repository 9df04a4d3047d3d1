// The ReadOptions limits: each turns an oversized input into one located error.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "credence/error.h"
#include "credence/input.h"

namespace credence {
namespace {

// A document with one article of `claims`, each a JSON object text.
std::string Document(const std::string& claims, const std::string& outlet_id = "np") {
  return R"({"credence": "1", "outlets": [{"id": ")" + outlet_id +
         R"("}, {"id": "an"}, {"id": "ap"}], "predicates": [{"id": "status", "value_kind": "category"}],
"articles": [{"id": "a1", "outlet": ")" +
         outlet_id + R"(", "published": "2025-04-14", "claims": [)" + claims + "]}]}";
}

std::string Claim(const std::string& id, const std::string& value, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "subject": "deal", "predicate": "status", "value": ")" + value +
         "\"" + extra + "}";
}

std::vector<Diagnostic> ErrorsOf(const std::string& text, const ReadOptions& options) {
  try {
    (void)ParseClaimsDocument(text, "doc.json", options);
  } catch (const InputError& error) {
    return error.diagnostics();
  }
  return {};
}

void ExpectOneError(const std::string& text, const ReadOptions& options, const std::string& pointer,
                    const std::string& message) {
  const std::vector<Diagnostic> errors = ErrorsOf(text, options);
  ASSERT_EQ(errors.size(), 1U) << (errors.empty() ? "no error" : InputError(errors).what());
  EXPECT_EQ(errors[0].where.pointer, pointer);
  EXPECT_NE(errors[0].message.find(message), std::string::npos) << errors[0].message;
}

TEST(InputLimitsTest, DocumentsWithinTheLimitsRead) {
  ReadOptions options;
  options.max_via_entries = 2;
  options.max_values_per_proposition = 2;
  options.max_claims = 2;
  const std::string text =
      Document(Claim("c1", "pending", R"(, "via": ["an", "ap"])") + "," + Claim("c2", "signed"));
  EXPECT_EQ(ParseClaimsDocument(text, "doc.json", options).NumClaims(), 2U);
}

TEST(InputLimitsTest, TooManyViaEntries) {
  ReadOptions options;
  options.max_via_entries = 1;
  ExpectOneError(Document(Claim("c1", "pending", R"(, "via": ["an", "ap"])")), options,
                 "/articles/0/claims/0/via",
                 "a via chain of 2 sources is more than the limit of 1");
}

TEST(InputLimitsTest, LongIdAndLongString) {
  ReadOptions options;
  options.max_id_bytes = 8;
  options.max_string_bytes = 16;
  const std::string long_id(9, 'o');
  const std::vector<Diagnostic> id_errors = ErrorsOf(Document(Claim("c1", "x"), long_id), options);
  ASSERT_EQ(id_errors.size(), 2U);  // the reference and the declaration, in key order
  EXPECT_EQ(id_errors[1].where.pointer, "/outlets/0/id");
  EXPECT_NE(id_errors[1].message.find("an id of 9 bytes is longer than the limit of 8 bytes"),
            std::string::npos)
      << id_errors[1].message;
  EXPECT_EQ(id_errors[0].where.pointer, "/articles/0/outlet");
  // A 16-byte value is fine, a 17-byte one is not.
  EXPECT_TRUE(ErrorsOf(Document(Claim("c1", std::string(16, 'v'))), options).empty());
  ExpectOneError(Document(Claim("c1", std::string(17, 'v'))), options, "/articles/0/claims/0/value",
                 "a string of 17 bytes is longer than the limit of 16 bytes");
}

TEST(InputLimitsTest, TooManyDistinctValuesForOneProposition) {
  ReadOptions options;
  options.max_values_per_proposition = 2;
  // "Pending" and "pending" are one value after normalisation.
  const std::string three = Claim("c1", "pending") + "," + Claim("c2", "Pending") + "," +
                            Claim("c3", "signed") + "," + Claim("c4", "dropped");
  ExpectOneError(Document(three), options, "/articles/0/claims/3/value",
                 "proposition \"deal\" \"status\" has more than the limit of 2 distinct values");
}

TEST(InputLimitsTest, TooManyClaims) {
  ReadOptions options;
  options.max_claims = 1;
  ExpectOneError(Document(Claim("c1", "a") + "," + Claim("c2", "b")), options, "/articles/0/claims",
                 "more than the limit of 1 claims");
}

TEST(InputLimitsTest, DeepNestingIsOneErrorAndNoStackOverflow) {
  ReadOptions options;
  const std::string text =
      R"({"credence": )" + std::string(200000, '[') + std::string(200000, ']') + "}";
  const std::vector<Diagnostic> errors = ErrorsOf(text, options);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].where.pointer.rfind("/credence/0/0/", 0), 0U);
  EXPECT_NE(errors[0].message.find("nested more than 64 deep"), std::string::npos);
}

TEST(InputLimitsTest, InputSize) {
  ReadOptions options;
  options.max_input_bytes = 10;
  const std::string path = ::testing::TempDir() + "/input_limits_size.json";
  {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    std::fputs(Document(Claim("c1", "a")).c_str(), file);
    std::fclose(file);
  }
  try {
    (void)ReadClaimsDocument(path, options);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("larger than the limit of 10 bytes"),
              std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos);
  }
}

}  // namespace
}  // namespace credence

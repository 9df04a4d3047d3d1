#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"

namespace credence {
namespace {

namespace fs = std::filesystem;

// Writes `text` to a fresh file in the test's temporary folder.
std::string WriteTemp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "credence_tabular_test";
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

TEST(TabularReaders, FormatNamesRoundTrip) {
  for (const char* name : {"auto", "json", "crowd-csv", "crowd-tsv", "population"}) {
    const auto format = ParseInputFormat(name);
    ASSERT_TRUE(format.has_value()) << name;
    EXPECT_EQ(ToString(*format), name);
  }
  EXPECT_FALSE(ParseInputFormat("xml").has_value());
}

TEST(TabularReaders, CrowdCsvBecomesOneOutletPerWorkerAndOneClaimPerRow) {
  const std::string path = WriteTemp("answers.csv",
                                     "question,worker,answer\r\n"
                                     "q1,w1,1\r\n"
                                     "q1,w2,0\r\n"
                                     "q2,w1,1\r\n"
                                     "q2,w1,0\r\n"  // a repeated (item, worker) pair
                                     "\r\n");
  EXPECT_EQ(DetectInputFormat(path), InputFormat::kCrowdCsv);
  const ClaimsDocument document = ReadInput(path, InputFormat::kAuto);
  ASSERT_EQ(document.outlets.size(), 2U);
  EXPECT_EQ(document.outlets[0].id, "w1");
  EXPECT_EQ(document.outlets[0].kind, "worker");
  ASSERT_EQ(document.predicates.size(), 1U);
  // The labels form a closed domain in byte order, so state 0 is "0" on every item.
  ASSERT_EQ(document.predicates[0].domain.size(), 2U);
  EXPECT_EQ(document.predicates[0].domain[0].ToDisplay(), "0");
  EXPECT_EQ(document.NumClaims(), 4U);
  ASSERT_EQ(document.articles[0].claims.size(), 3U);  // w1's three answers, in file order
  EXPECT_EQ(document.articles[0].claims[0].id, "q1/w1");
  EXPECT_EQ(document.articles[0].claims[2].id, "q2/w1#2");
  EXPECT_EQ(document.articles[0].claims[2].value.ToDisplay(), "0");
  // The repeat counts as a vote, and one warning says so.
  ASSERT_EQ(document.warnings.size(), 1U);
  EXPECT_NE(document.warnings[0].message.find("1 repeated row: the (item, worker) pair"),
            std::string::npos)
      << document.warnings[0].message;
  EXPECT_NE(document.warnings[0].message.find("1 with a different answer; the first at line 5"),
            std::string::npos)
      << document.warnings[0].message;

  const ClaimStore store = BuildClaimStore(document);
  EXPECT_EQ(store.num_propositions(), 2U);
  EXPECT_EQ(store.num_outlets(), 2U);
  EXPECT_EQ(store.propositions()[0].num_states(), 2U);  // no "none of these" with a domain
}

TEST(TabularReaders, CrowdTsvAndItsTruth) {
  const std::string path = WriteTemp("crowd.txt", "1\t1\t2\n1\t2\t1\n2\t1\t1\n");
  EXPECT_EQ(DetectInputFormat(path), InputFormat::kCrowdTsv);
  const ClaimsDocument document = ReadInput(path, InputFormat::kCrowdTsv);
  EXPECT_EQ(document.NumClaims(), 3U);
  const std::string truth_path = WriteTemp("truth.txt", "1\t2\n2\t1\n");
  const auto truth = ReadTruth(truth_path, InputFormat::kCrowdTsv);
  ASSERT_EQ(truth.size(), 2U);
  EXPECT_EQ(truth[0].subject, "1");
  EXPECT_EQ(truth[0].predicate, "label");
  EXPECT_EQ(truth[0].value, "2");
}

TEST(TabularReaders, PopulationCsvKeepsCommasInsideQuotes) {
  const std::string path =
      WriteTemp("population.csv",
                "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"\n"
                "\"springfield, ohio\",\"Population2000\",\"65358\",\"12: editor\",\"null\"\n"
                "\"springfield, ohio\",\"Population2000\",\"65359\",\"0 (192.0.2.7)\",\"null\"\n");
  EXPECT_EQ(DetectInputFormat(path), InputFormat::kPopulationCsv);
  const ClaimsDocument document = ReadInput(path, InputFormat::kAuto);
  ASSERT_EQ(document.NumClaims(), 2U);
  const ClaimRecord& claim = document.articles[0].claims[0];
  EXPECT_EQ(claim.subject, "springfield, ohio|Population2000");
  EXPECT_EQ(claim.value.ToDisplay(), "65358");
  EXPECT_EQ(document.outlets[1].id, "0 (192.0.2.7)");
  // Exact strings: no closed domain, so the store adds a "none of these" state.
  EXPECT_TRUE(document.predicates[0].domain.empty());

  const std::string truth_path = WriteTemp("population_truth.csv",
                                           "\"ObjectID\",\"PropertyID\",\"PropertyValue\"\n"
                                           "\"springfield, ohio\",\"Population2000\",\"65358\"\n");
  const auto truth = ReadTruth(truth_path, InputFormat::kPopulationCsv);
  ASSERT_EQ(truth.size(), 1U);
  EXPECT_EQ(truth[0].subject, "springfield, ohio|Population2000");
  EXPECT_EQ(truth[0].predicate, "population");
}

TEST(TabularReaders, ErrorsNameFileAndLine) {
  const std::string path = WriteTemp("broken.csv",
                                     "question,worker,answer\n"
                                     "q1,w1,1\n"
                                     "q2,w1\n"        // line 3: two fields
                                     "q3,,1\n"        // line 4: empty worker
                                     "\"q4,w1,1\n");  // line 5: unterminated quote
  try {
    ReadInput(path, InputFormat::kCrowdCsv);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().size(), 3U);
    EXPECT_EQ(error.diagnostics()[0].where.line, 5);  // split errors come first
    EXPECT_NE(error.diagnostics()[0].message.find("unterminated"), std::string::npos);
    EXPECT_EQ(error.diagnostics()[1].where.line, 3);
    EXPECT_NE(error.diagnostics()[1].message.find("expected 3 fields"), std::string::npos);
    EXPECT_EQ(error.diagnostics()[2].where.line, 4);
    EXPECT_EQ(error.diagnostics()[0].where.file, path);
    EXPECT_NE(std::string(error.what()).find(path + ":3: expected 3 fields"), std::string::npos);
  }
}

TEST(TabularReaders, UndetectableFormatIsAnError) {
  const std::string path = WriteTemp("mystery.txt", "just some words\n");
  EXPECT_THROW(DetectInputFormat(path), InputError);
  EXPECT_THROW(ReadTruth(path, InputFormat::kClaimsJson), InputError);
}

TEST(TabularReaders, GoldOfAFormatWithoutOneNamesTheFormatsThatHaveOne) {
  const std::string path = WriteTemp("gold.json", "{}\n");
  try {
    ReadTruth(path, InputFormat::kClaimsJsonl);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    for (const char* format : {"crowd-csv", "crowd-tsv", "population", "book"}) {
      EXPECT_NE(message.find(format), std::string::npos) << format << " in " << message;
    }
  }
}

TEST(TabularReaders, PublicDataSetsHaveTheDocumentedCounts) {
  const fs::path root = fs::path(CREDENCE_SOURCE_DIR) / ".." / "shared" / "datasets";
  if (!fs::exists(root)) GTEST_SKIP() << "public data sets not found at " << root.string();
  struct Expected {
    const char* file;
    std::size_t claims, outlets, propositions;
  };
  // Counts from the data sets' README.
  for (const Expected& e :
       {Expected{"bluebirds/answer.csv", 4212, 39, 108},
        Expected{"d_product/answer.csv", 24945, 176, 8315},
        Expected{"d_sentiment/answer.csv", 20000, 85, 1000},
        Expected{"dog/answer.csv", 8070, 109, 807}, Expected{"rte/rte_crowd.txt", 8000, 164, 800},
        Expected{"population/population_claims.csv", 49955, 4264, 42832}}) {
    const ClaimStore store =
        BuildClaimStore(ReadInput((root / e.file).string(), InputFormat::kAuto));
    EXPECT_EQ(store.num_claims(), e.claims) << e.file;
    EXPECT_EQ(store.num_outlets(), e.outlets) << e.file;
    EXPECT_EQ(store.num_propositions(), e.propositions) << e.file;
  }
  EXPECT_EQ(ReadTruth((root / "rte/rte_truth.txt").string(), InputFormat::kCrowdTsv).size(), 800U);
  EXPECT_EQ(
      ReadTruth((root / "population/population_truth.csv").string(), InputFormat::kPopulationCsv)
          .size(),
      308U);
}

}  // namespace
}  // namespace credence

// The streaming loaders must build the same store as the document path (ReadInput, then
// BuildClaimStore), only without per-claim records; and report bad rows by file and line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"

namespace credence {
namespace {

namespace fs = std::filesystem;

std::string WriteTemp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "credence_load_store_test";
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// The same outlets, propositions, candidate values and claims, matched by id: the document
// path orders claims by article (one per worker), the stream keeps file order.
void ExpectSameStore(const ClaimStore& streamed, const ClaimStore& built) {
  ASSERT_EQ(streamed.num_claims(), built.num_claims());
  ASSERT_EQ(streamed.num_outlets(), built.num_outlets());
  ASSERT_EQ(streamed.num_propositions(), built.num_propositions());
  EXPECT_EQ(streamed.input_digest(), built.input_digest());
  EXPECT_FALSE(streamed.has_claim_records());
  for (std::size_t s = 0; s < built.num_outlets(); ++s) {
    EXPECT_EQ(streamed.outlets()[s].id, built.outlets()[s].id);
    EXPECT_EQ(streamed.outlets()[s].kind, built.outlets()[s].kind);
  }
  std::map<std::string, std::size_t> built_proposition;
  for (std::size_t p = 0; p < built.num_propositions(); ++p) {
    built_proposition[built.propositions()[p].subject] = p;
  }
  for (std::size_t p = 0; p < streamed.num_propositions(); ++p) {
    const auto it = built_proposition.find(streamed.propositions()[p].subject);
    ASSERT_NE(it, built_proposition.end());
    const std::size_t q = it->second;
    EXPECT_EQ(streamed.propositions()[p].num_states(), built.propositions()[q].num_states());
    ASSERT_EQ(streamed.ValuesOf(p).size(), built.ValuesOf(q).size());
    for (std::size_t k = 0; k < built.ValuesOf(q).size(); ++k) {
      EXPECT_EQ(streamed.ValuesOf(p)[k], built.ValuesOf(q)[k]);
    }
  }
  std::map<std::string, std::size_t> built_claim;
  for (std::size_t c = 0; c < built.num_claims(); ++c) built_claim[built.ClaimId(c)] = c;
  ASSERT_EQ(built_claim.size(), built.num_claims());
  std::vector<std::size_t> match(streamed.num_claims());
  for (std::size_t c = 0; c < streamed.num_claims(); ++c) {
    const auto it = built_claim.find(streamed.ClaimId(c));
    ASSERT_NE(it, built_claim.end()) << streamed.ClaimId(c);
    const std::size_t d = match[c] = it->second;
    EXPECT_EQ(streamed.outlets()[streamed.claim_outlet()[c]].id,
              built.outlets()[built.claim_outlet()[d]].id);
    EXPECT_EQ(streamed.claim_source()[c], streamed.claim_outlet()[c]);
    EXPECT_EQ(streamed.claim_state()[c], built.claim_state()[d]);
    EXPECT_EQ(streamed.claim_weight()[c], built.claim_weight()[d]);
    EXPECT_EQ(streamed.claim_day()[c], built.claim_day()[d]);
    const ClaimRecord record = streamed.claim_record(c);
    EXPECT_EQ(record.value, built.claim_record(d).value);
    EXPECT_EQ(record.subject, built.claim_record(d).subject);
    EXPECT_TRUE(record.as_of_is_fallback);
  }
  for (std::size_t a = 0; a < streamed.num_claims(); ++a) {
    for (std::size_t b = 0; b < streamed.num_claims(); ++b) {
      EXPECT_EQ(streamed.claim_group()[a] == streamed.claim_group()[b],
                built.claim_group()[match[a]] == built.claim_group()[match[b]]);
    }
  }
}

TEST(LoadStore, CrowdCsvStreamsIntoTheSameStoreAsTheDocumentPath) {
  const std::string path = WriteTemp("answers.csv",
                                     "\xEF\xBB\xBFquestion,worker,answer\r\n"
                                     "q1,w1,Yes\r\n"
                                     "q1,w2,no\r\n"
                                     "q2,w1,yes \r\n"  // normalises to the same label
                                     "\r\n"
                                     "q2,w1,yes\r\n"  // a repeated (item, worker) pair: q2/w1#2
                                     "q1,\"w3\",\"n\"\"o\"\n"
                                     "q3,w2,no");  // no final newline
  const ClaimStore streamed = LoadClaimStore(path, InputFormat::kCrowdCsv);
  ExpectSameStore(streamed, BuildClaimStore(ReadInput(path, InputFormat::kCrowdCsv)));
  EXPECT_EQ(streamed.ClaimId(3), "q2/w1#2");
  ASSERT_EQ(streamed.ValuesOf(0).size(), 3U);  // the domain in byte order: n"o, no, yes
  EXPECT_EQ(streamed.ValuesOf(0)[2].ToDisplay(), "yes");
  EXPECT_EQ(streamed.claim_state()[0], 2U);
  EXPECT_EQ(streamed.claim_state()[2], 2U);
  EXPECT_EQ(streamed.claim_article(0), ClaimStore::kNotFound);
}

TEST(LoadStore, CrowdTsvAndPopulationMatchTheDocumentPath) {
  const std::string tsv = WriteTemp("answers.tsv", "1\t7\t1\n1\t8\t2\n2\t7\t2\n");
  ExpectSameStore(LoadClaimStore(tsv, InputFormat::kCrowdTsv),
                  BuildClaimStore(ReadInput(tsv, InputFormat::kCrowdTsv)));
  const std::string population =
      WriteTemp("population.csv",
                "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"\n"
                "\"Paris\",\"Population\",\"2100000\",\"ed1\",\"2009\"\n"
                "\"Paris\",\"Population\",\"2200000\",\"ed2\",\"2009\"\n"
                "\"Paris\",\"Population\",\"2100000\",\"ed3\",\"2010\"\n"
                "\"Lyon\",\"Population\",\"500000\",\"ed1\",\"2010\"\n");
  ExpectSameStore(LoadClaimStore(population, InputFormat::kPopulationCsv),
                  BuildClaimStore(ReadInput(population, InputFormat::kPopulationCsv)));
}

TEST(LoadStore, RowsAcrossManyReadBlocksAreAllRead) {
  // About 2.5 MB: several 1 MiB read blocks, rows cut at block boundaries.
  std::string text = "question,worker,answer\n";
  for (int i = 0; i < 100000; ++i) {
    text += "item-" + std::to_string(i / 10) + ",worker-" + std::to_string(i % 37) + ",label-" +
            std::to_string(i % 3) + "\n";
  }
  const std::string path = WriteTemp("many.csv", text);
  const ClaimStore store = LoadClaimStore(path, InputFormat::kCrowdCsv);
  EXPECT_EQ(store.num_claims(), 100000U);
  EXPECT_EQ(store.num_propositions(), 10000U);
  EXPECT_EQ(store.num_outlets(), 37U);
  EXPECT_EQ(store.input_digest(), Sha256Digest(text));
  EXPECT_EQ(store.ClaimId(99999), "item-9999/worker-25");  // 99999 = 37 * 2702 + 25
}

TEST(LoadStore, BadRowsAreReportedWithFileAndLine) {
  const std::string path = WriteTemp("bad.csv",
                                     "question,worker,answer\n"
                                     "q1,w1,1\n"
                                     "q1,w2\n"
                                     "q2,,1\n"
                                     "q3,\"w1,1\n");
  try {
    LoadClaimStore(path, InputFormat::kCrowdCsv);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path + ":3: expected 3 fields"), std::string::npos) << message;
    EXPECT_NE(message.find(path + ":4: empty field"), std::string::npos) << message;
    EXPECT_NE(message.find(path + ":5: unterminated quoted field"), std::string::npos) << message;
  }
}

TEST(LoadStore, ALineLongerThanTheLimitIsRefusedWithItsLineNumber) {
  const std::string path =
      WriteTemp("long.csv", "question,worker,answer\nq1,w1,1\nq2,w1," + std::string(5000, 'x'));
  ReadOptions options;
  options.max_line_bytes = 1000;
  try {
    LoadClaimStore(path, InputFormat::kCrowdCsv, options);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(path + ":3: line longer than the limit of 1000"),
              std::string::npos)
        << error.what();
  }
}

// Helper: the message of the InputError that loading `path` throws, or "" when none.
std::string LoadError(const std::string& path, InputFormat format,
                      const ReadOptions& options = {}) {
  try {
    LoadClaimStore(path, format, options);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(LoadStore, WithDuplicatesErrorAWorkerGivingOneItemTwoLabelsIsRefusedAtTheLaterLine) {
  const std::string path =
      WriteTemp("conflict.csv", "question,worker,answer\nq1,w1,yes\nq2,w1,no\nq1,w1,no\n");
  ReadOptions options;
  options.duplicates = DuplicateAnswers::kError;
  const std::string message = LoadError(path, InputFormat::kCrowdCsv, options);
  EXPECT_NE(message.find(path + ":4: conflicting answers"), std::string::npos) << message;
  EXPECT_NE(message.find("(line 2)"), std::string::npos) << message;
}

TEST(LoadStore, AHeaderWithoutRowsIsRefused) {
  const std::string path = WriteTemp("header_only.csv", "question,worker,answer\n");
  EXPECT_NE(LoadError(path, InputFormat::kCrowdCsv).find("no rows"), std::string::npos);
}

TEST(LoadStore, InvalidUtf8IsRefusedWithItsLineAndByte) {
  const std::string path = WriteTemp("latin1.csv", "question,worker,answer\nq1,w\xE9,1\n");
  const std::string message = LoadError(path, InputFormat::kCrowdCsv);
  EXPECT_NE(message.find(path + ":2: invalid UTF-8 at byte 5"), std::string::npos) << message;
}

TEST(LoadStore, AnIdLongerThanTheLimitIsRefused) {
  const std::string path =
      WriteTemp("long_id.csv", "question,worker,answer\nq1," + std::string(40, 'w') + ",1\n");
  ReadOptions options;
  options.max_id_bytes = 16;
  const std::string message = LoadError(path, InputFormat::kCrowdCsv, options);
  EXPECT_NE(message.find(path + ":2:"), std::string::npos) << message;
}

TEST(LoadStore, AMissingFileIsAnInputError) {
  EXPECT_THROW(LoadClaimStore("/nonexistent/answers.csv", InputFormat::kCrowdCsv), InputError);
}

}  // namespace
}  // namespace credence

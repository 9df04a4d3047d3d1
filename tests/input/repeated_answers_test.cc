// --duplicates on the tabular readers: a small table with repeated and conflicting rows whose
// vote counts are worked out by hand, read by the streaming loader and by the document path.
#include "input/repeated_answers.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "credence/claim_store.h"
#include "credence/error.h"
#include "credence/input.h"

namespace credence {
namespace {

namespace fs = std::filesystem;

std::string WriteTemp(const std::string& name, const std::string& text) {
  const fs::path dir =
      fs::temp_directory_path() / ("credence_repeated_answers_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// Line numbers are those of the file: the header is line 1.
//   q1: w1 yes (2), w2 no (3), w1 no (4, repeats line 2 with another label), w1 no (5, again),
//       w3 yes (6)
//   q2: w2 yes (7), w3 no (8), w2 yes (9, repeats line 7 with the same label)
constexpr const char* kTable =
    "question,worker,answer\n"
    "q1,w1,yes\n"
    "q1,w2,no\n"
    "q1,w1,no\n"
    "q1,w1,no\n"
    "q1,w3,yes\n"
    "q2,w2,yes\n"
    "q2,w3,no\n"
    "q2,w2,yes\n";

// Votes per item and label: the sum of the claims' weights (each claim weighs its confidence,
// 1, divided by its evidence group's size).
std::map<std::pair<std::string, std::string>, double> Votes(const ClaimStore& store) {
  std::map<std::pair<std::string, std::string>, double> votes;
  for (std::size_t c = 0; c < store.num_claims(); ++c) {
    const std::uint32_t p = store.claim_proposition()[c];
    votes[{store.propositions()[p].subject,
           store.ValuesOf(p)[store.claim_state()[c]].ToDisplay()}] += store.claim_weight()[c];
  }
  return votes;
}

ClaimStore Load(DuplicateAnswers mode, std::vector<Diagnostic>* warnings) {
  ReadOptions options;
  options.duplicates = mode;
  return LoadClaimStore(WriteTemp("table.csv", kTable), InputFormat::kCrowdCsv, options, warnings);
}

ClaimStore LoadDocument(DuplicateAnswers mode, std::vector<Diagnostic>* warnings) {
  ReadOptions options;
  options.duplicates = mode;
  ClaimsDocument document =
      ReadInput(WriteTemp("table.csv", kTable), InputFormat::kCrowdCsv, options);
  *warnings = document.warnings;
  return BuildClaimStore(std::move(document));
}

using VoteTable = std::map<std::pair<std::string, std::string>, double>;

void ExpectMode(DuplicateAnswers mode, std::size_t claims, const VoteTable& expected,
                const std::string& warning_part) {
  for (const bool document : {false, true}) {
    SCOPED_TRACE(std::string(ToString(mode)) + (document ? " (document path)" : " (streamed)"));
    std::vector<Diagnostic> warnings;
    const ClaimStore store = document ? LoadDocument(mode, &warnings) : Load(mode, &warnings);
    EXPECT_EQ(store.num_claims(), claims);
    EXPECT_EQ(Votes(store), expected);
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_EQ(warnings[0].severity, Severity::kWarning);
    const std::string message = warnings[0].ToString();
    // Three repeated rows (lines 4, 5, 9), two of them with another label than the first.
    EXPECT_NE(message.find("table.csv: warning: 3 repeated rows: the (item, worker) pair of an "
                           "earlier row again (2 with a different answer; the first at line 4)"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find(warning_part), std::string::npos) << message;
  }
}

TEST(RepeatedAnswers, VoteCountsEveryRowAsCrowdKitDoes) {
  // q1: yes from lines 2 and 6, no from lines 3, 4 and 5; q2: yes from lines 7 and 9, no from 8.
  ExpectMode(DuplicateAnswers::kVote, 8,
             {{{"q1", "yes"}, 2.0}, {{"q1", "no"}, 3.0}, {{"q2", "yes"}, 2.0}, {{"q2", "no"}, 1.0}},
             "every row counts as a vote");
}

TEST(RepeatedAnswers, FirstKeepsEachWorkersFirstAnswer) {
  // Lines 4, 5 and 9 left out: q1 yes (2, 6) no (3); q2 yes (7) no (8).
  ExpectMode(DuplicateAnswers::kFirst, 5,
             {{{"q1", "yes"}, 2.0}, {{"q1", "no"}, 1.0}, {{"q2", "yes"}, 1.0}, {{"q2", "no"}, 1.0}},
             "the first answer of each pair is kept");
}

TEST(RepeatedAnswers, LastKeepsEachWorkersLastAnswer) {
  // Lines 2, 4 and 7 left out: q1 no (3, 5) yes (6); q2 no (8) yes (9).
  ExpectMode(DuplicateAnswers::kLast, 5,
             {{{"q1", "yes"}, 1.0}, {{"q1", "no"}, 2.0}, {{"q2", "yes"}, 1.0}, {{"q2", "no"}, 1.0}},
             "the last answer of each pair is kept");
}

TEST(RepeatedAnswers, VoteNamesRepeatsLikeTheOutputDocuments) {
  std::vector<Diagnostic> warnings;
  const ClaimStore store = Load(DuplicateAnswers::kVote, &warnings);
  EXPECT_EQ(store.ClaimId(2), "q1/w1#2");
  EXPECT_EQ(store.ClaimId(3), "q1/w1#3");
  EXPECT_EQ(store.ClaimId(7), "q2/w2#2");
  // A repeated answer is a vote of its own, never a copy grouped with the first.
  EXPECT_EQ(store.num_groups(), store.num_claims());
}

TEST(RepeatedAnswers, LastKeepsTheLastRowsPlace) {
  std::vector<Diagnostic> warnings;
  const ClaimStore store = Load(DuplicateAnswers::kLast, &warnings);
  // Kept: lines 3, 5, 6, 8, 9 in file order.
  ASSERT_EQ(store.num_claims(), 5U);
  const std::vector<std::string> ids = {store.ClaimId(0), store.ClaimId(1), store.ClaimId(2),
                                        store.ClaimId(3), store.ClaimId(4)};
  EXPECT_EQ(ids, (std::vector<std::string>{"q1/w2", "q1/w1", "q1/w3", "q2/w3", "q2/w2"}));
}

TEST(RepeatedAnswers, ErrorNamesEveryRepeatAndItsFirstLine) {
  for (const bool document : {false, true}) {
    SCOPED_TRACE(document ? "document path" : "streamed");
    const std::string path = WriteTemp("table.csv", kTable);
    ReadOptions options;
    options.duplicates = DuplicateAnswers::kError;
    try {
      if (document) {
        ReadInput(path, InputFormat::kCrowdCsv, options);
      } else {
        LoadClaimStore(path, InputFormat::kCrowdCsv, options);
      }
      FAIL() << "expected an InputError";
    } catch (const InputError& error) {
      ASSERT_EQ(error.diagnostics().size(), 3U) << error.what();
      EXPECT_EQ(error.diagnostics()[0].ToString(),
                path +
                    ":4: conflicting answers: worker \"w1\" labels item \"q1\" both \"yes\" "
                    "(line 2) and \"no\"; --duplicates vote, first or last reads such rows");
      EXPECT_EQ(error.diagnostics()[1].where.line, 5);
      EXPECT_EQ(error.diagnostics()[2].ToString(),
                path +
                    ":9: repeated answer: worker \"w2\" labels item \"q2\" \"yes\" again (first "
                    "at line 7); --duplicates vote, first or last reads such rows");
    }
  }
}

TEST(RepeatedAnswers, AFileWithoutRepeatsHasNoWarning) {
  std::vector<Diagnostic> warnings;
  const ClaimStore store =
      LoadClaimStore(WriteTemp("clean.csv", "question,worker,answer\nq1,w1,a\nq1,w2,b\n"),
                     InputFormat::kCrowdCsv, {}, &warnings);
  EXPECT_EQ(store.num_claims(), 2U);
  EXPECT_TRUE(warnings.empty());
}

TEST(RepeatedAnswers, StrictMakesTheWarningAnError) {
  ReadOptions options;
  options.strict = true;
  EXPECT_THROW(LoadClaimStore(WriteTemp("table.csv", kTable), InputFormat::kCrowdCsv, options),
               InputError);
}

TEST(RepeatedAnswers, PopulationRowsFollowTheSameRule) {
  const std::string path =
      WriteTemp("population.csv",
                "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"\n"
                "\"Paris\",\"Population\",\"2100000\",\"ed1\",\"2009\"\n"
                "\"Paris\",\"Population\",\"2200000\",\"ed1\",\"2010\"\n"
                "\"Paris\",\"Population\",\"2200000\",\"ed2\",\"2010\"\n");
  for (const auto& [mode, claims] :
       {std::pair{DuplicateAnswers::kVote, 3U}, std::pair{DuplicateAnswers::kFirst, 2U},
        std::pair{DuplicateAnswers::kLast, 2U}}) {
    ReadOptions options;
    options.duplicates = mode;
    std::vector<Diagnostic> warnings;
    const ClaimStore store = LoadClaimStore(path, InputFormat::kPopulationCsv, options, &warnings);
    EXPECT_EQ(store.num_claims(), claims) << ToString(mode);
    ASSERT_EQ(warnings.size(), 1U);
    EXPECT_NE(warnings[0].message.find("(object, editor)"), std::string::npos);
  }
  ReadOptions options;
  options.duplicates = DuplicateAnswers::kError;
  try {
    LoadClaimStore(path, InputFormat::kPopulationCsv, options);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(path + ":3: conflicting answers: editor \"ed1\""),
              std::string::npos)
        << error.what();
  }
}

TEST(RepeatedAnswers, NamesParseBothWays) {
  for (const DuplicateAnswers mode : {DuplicateAnswers::kVote, DuplicateAnswers::kFirst,
                                      DuplicateAnswers::kLast, DuplicateAnswers::kError}) {
    EXPECT_EQ(ParseDuplicateAnswers(ToString(mode)), mode);
  }
  EXPECT_FALSE(ParseDuplicateAnswers("keep").has_value());
}

// S_Rel and S_Adult (the relevance and adult-content sets of the truth-inference literature)
// have workers who label an item more than once: they must load with the defaults.
TEST(RepeatedAnswers, PublicSetsWithRepeatedRowsLoad) {
  const fs::path root = fs::path(CREDENCE_SOURCE_DIR) / ".." / "shared" / "datasets";
  int found = 0;
  for (const char* folder : {"s_rel", "s_adult", "S_Rel", "S_Adult", "relevance", "adult"}) {
    const fs::path answers = root / folder / "answer.csv";
    if (!fs::exists(answers)) continue;
    ++found;
    std::vector<Diagnostic> warnings;
    const ClaimStore store = LoadClaimStore(answers.string(), InputFormat::kAuto, {}, &warnings);
    EXPECT_GT(store.num_claims(), 0U) << folder;
  }
  if (found == 0) GTEST_SKIP() << "no S_Rel or S_Adult data set under " << root.string();
}

}  // namespace
}  // namespace credence

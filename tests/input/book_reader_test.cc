#include "input/book_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "credence/error.h"
#include "credence/input.h"

namespace credence::input_internal {
namespace {

namespace fs = std::filesystem;

const std::string kBook = CREDENCE_SOURCE_DIR "/../shared/datasets/book/";

std::string WriteTemp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "credence_book_reader_test";
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

TEST(NormalizeAuthorList, SameAuthorsWrittenDifferentlyAgree) {
  const std::string expected = "knuth";
  EXPECT_EQ(NormalizeAuthorList("Knuth, Donald E."), expected);
  EXPECT_EQ(NormalizeAuthorList("Donald E. Knuth"), expected);
  EXPECT_EQ(NormalizeAuthorList("KNUTH"), expected);
  EXPECT_EQ(NormalizeAuthorList("Knuth, Donald E. (Author)"), expected);

  const std::string two = "crosson; yacht";
  EXPECT_EQ(NormalizeAuthorList("yacht, carol ;  crosson, susan ;  "), two);  // gold style
  EXPECT_EQ(NormalizeAuthorList("Carol Yacht; Susan Crosson"), two);
  EXPECT_EQ(NormalizeAuthorList("Yacht, Carol and Crosson, Susan"), two);
  EXPECT_EQ(NormalizeAuthorList("Carol Yacht, Susan Crosson"), two);
  EXPECT_EQ(NormalizeAuthorList("Yacht, Carol, Crosson, Susan"), two);
  EXPECT_EQ(NormalizeAuthorList("Carol Yacht &amp; Susan Crosson (Edt)"), two);
  EXPECT_EQ(NormalizeAuthorList("Yacht / Crosson"), two);
}

TEST(NormalizeAuthorList, ApostrophesEntitiesAndSuffixes) {
  EXPECT_EQ(NormalizeAuthorList("o'leary, timothy j.;  o'leary, linda i.;  "), "oleary");
  EXPECT_EQ(NormalizeAuthorList("Jos&eacute; Garc&iacute;a"), "garcia");
  EXPECT_EQ(NormalizeAuthorList("John Smith Jr."), "smith");
}

TEST(NormalizeAuthorList, NobodyIsEmpty) {
  EXPECT_EQ(NormalizeAuthorList(""), "");
  EXPECT_EQ(NormalizeAuthorList("Not Available"), "");
  EXPECT_EQ(NormalizeAuthorList(" ; "), "");
}

TEST(ReadBookAuthor, OneOutletPerStoreOneClaimPerDistinctList) {
  const std::string path = WriteTemp("book.txt",
                                     "s1\t111\tA Title\tKnuth, Donald E.\n"
                                     "s2\t111\tA title\tDonald Knuth\r\n"
                                     "s2\t111\tA title\tD. E. Knuth\n"  // same list again: once
                                     "s3\t111\tTitle\tNot Available\n"  // names nobody: skipped
                                     "s3\t222\tOther\tYacht, Carol; Crosson, Susan\n"
                                     "s1\t222\tOther\t\n");  // empty: skipped
  const ClaimsDocument document = ReadInput(path, InputFormat::kBookTsv);
  ASSERT_EQ(document.outlets.size(), 3U);
  ASSERT_EQ(document.NumClaims(), 3U);
  std::map<std::string, std::string> value_of_claim;
  for (const ArticleRecord& article : document.articles) {
    for (const ClaimRecord& claim : article.claims) {
      EXPECT_EQ(claim.predicate, "authors");
      value_of_claim[claim.id] = claim.value.ToDisplay();
    }
  }
  EXPECT_EQ(value_of_claim.at("111/s1"), Value::Category("knuth").ToDisplay());
  EXPECT_EQ(value_of_claim.at("111/s2"), Value::Category("knuth").ToDisplay());
  EXPECT_EQ(value_of_claim.at("222/s3"), Value::Category("crosson; yacht").ToDisplay());
  EXPECT_EQ(DetectInputFormat(path), InputFormat::kBookTsv);
  EXPECT_EQ(ParseInputFormat("book"), InputFormat::kBookTsv);
}

TEST(ReadBookAuthor, ErrorsNameFileAndLine) {
  const std::string path = WriteTemp("bad.txt",
                                     "s1\t111\tTitle\tKnuth\n"
                                     "\n"
                                     "s1\t111\n");
  try {
    ReadBookAuthor(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().size(), 1U);
    EXPECT_EQ(error.diagnostics()[0].where.file, path);
    EXPECT_EQ(error.diagnostics()[0].where.line, 3);
  }
}

// The message of the single error `read` throws, and its line.
template <typename Read>
std::pair<std::string, std::int64_t> OnlyError(Read read) {
  try {
    read();
  } catch (const InputError& error) {
    if (error.diagnostics().size() != 1) return {"diagnostics: " + std::string(error.what()), -1};
    return {error.diagnostics()[0].message, error.diagnostics()[0].where.line};
  }
  return {"no error", -1};
}

TEST(ReadBookAuthor, RefusesBytesThatAreNotUtf8) {
  const std::string path = WriteTemp("latin1.txt",
                                     "s1\t111\tTitle\tKnuth\n"
                                     "s2\t111\tTitle\tKn\xFCth\n");
  const auto [message, line] = OnlyError([&] { ReadBookAuthor(path); });
  EXPECT_EQ(line, 2);
  EXPECT_EQ(message, "invalid UTF-8 at byte 16 of the line; expected UTF-8 text");
}

TEST(ReadBookAuthor, RefusesIdsAndLinesOverTheLimits) {
  ReadOptions options;
  options.max_id_bytes = 8;
  options.max_line_bytes = 40;
  const std::string path = WriteTemp("long.txt",
                                     "s1\t111\tTitle\tKnuth\n"
                                     "store-nine\t111\tTitle\tKnuth\n"  // store id of 10 bytes
                                     "s1\t222\tTitle\tKnuth, Donald E.; Yacht, Carol; X\n");
  try {
    ReadBookAuthor(path, options);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().size(), 2U);
    EXPECT_EQ(error.diagnostics()[0].where.line, 3);  // the long line is found while splitting
    EXPECT_EQ(error.diagnostics()[0].message, "line longer than the limit of 40 bytes");
    EXPECT_EQ(error.diagnostics()[1].where.line, 2);
    EXPECT_EQ(error.diagnostics()[1].message,
              "field 1 is 10 bytes, longer than the limit of 8 bytes for an id");
  }
}

TEST(ReadBookAuthor, AFileWithoutAnyAuthorIsRefused) {
  const std::string empty = WriteTemp("empty.txt", "");
  EXPECT_EQ(OnlyError([&] { ReadBookAuthor(empty); }).first.rfind("no claims", 0), 0U);
  const std::string nobody = WriteTemp("nobody.txt",
                                       "s1\t111\tTitle\tNot Available\n"
                                       "s2\t111\tTitle\n");
  EXPECT_EQ(OnlyError([&] { ReadBookAuthor(nobody); }).first.rfind("no claims", 0), 0U);
}

TEST(ReadBookTruth, ConflictingListsForOneIsbnAreRefusedAtTheLaterLine) {
  const std::string path = WriteTemp("gold_conflict.txt",
                                     "111\tknuth, donald e.\n"
                                     "\n"
                                     "111\tDonald E. Knuth\n"  // the same list again: read once
                                     "111\tdijkstra, edsger\n");
  const auto [message, line] = OnlyError([&] { ReadBookTruth(path); });
  EXPECT_EQ(line, 4);
  EXPECT_EQ(message, "conflicting truths for isbn \"111\": line 1 gives " +
                         Value::Category("knuth").ToDisplay() + ", this line " +
                         Value::Category("dijkstra").ToDisplay());

  const std::string repeated = WriteTemp("gold_repeat.txt",
                                         "111\tknuth, donald e.\n"
                                         "111\tDonald E. Knuth\n");
  EXPECT_EQ(ReadBookTruth(repeated).size(), 1U);
}

TEST(ReadBookTruth, EmptyGoldAndWrongFieldCounts) {
  const std::string empty = WriteTemp("gold_empty.txt", "\n\n");
  EXPECT_EQ(OnlyError([&] { ReadBookTruth(empty); }).first.rfind("no rows", 0), 0U);
  const std::string wrong = WriteTemp("gold_wrong.txt", "111\tknuth\n222\n");
  EXPECT_EQ(OnlyError([&] { ReadBookTruth(wrong); }),
            std::make_pair(std::string("expected 2 TAB-separated fields (isbn, authors), found 1"),
                           std::int64_t{2}));
}

TEST(ReadBookTruth, GoldRecordsSeparatedByBlankLines) {
  const std::string path = WriteTemp("gold.txt",
                                     "111\tknuth, donald e.;  \n"
                                     "\n"
                                     "222\tyacht, carol ;  crosson, susan ;  \n"
                                     "\n");
  const std::vector<TruthRecord> truth = ReadTruth(path, InputFormat::kBookTsv);
  ASSERT_EQ(truth.size(), 2U);
  EXPECT_EQ(truth[0].subject, "111");
  EXPECT_EQ(truth[0].predicate, "authors");
  EXPECT_EQ(truth[0].value, Value::Category("knuth").ToDisplay());
  EXPECT_EQ(truth[1].value, Value::Category("crosson; yacht").ToDisplay());
}

TEST(ReadBookAuthor, RealDataSet) {
  if (!fs::exists(kBook + "book.txt")) GTEST_SKIP() << "shared/datasets/book is not available";
  const ClaimsDocument document = ReadBookAuthor(kBook + "book.txt");
  EXPECT_EQ(document.outlets.size(), 877U);  // the 895 stores less those with only empty lists
  const std::vector<TruthRecord> truth = ReadBookTruth(kBook + "book_golden.txt");
  ASSERT_EQ(truth.size(), 100U);
  // Every gold book is claimed, and some store claims its gold author list.
  std::map<std::string, std::set<std::string>> values;
  for (const ArticleRecord& article : document.articles) {
    for (const ClaimRecord& claim : article.claims) {
      values[claim.subject].insert(claim.value.ToDisplay());
    }
  }
  int matched = 0;
  for (const TruthRecord& record : truth) {
    ASSERT_TRUE(values.count(record.subject) == 1) << record.subject;
    matched += values[record.subject].count(record.value) > 0 ? 1 : 0;
  }
  EXPECT_GE(matched, 90);
}

}  // namespace
}  // namespace credence::input_internal

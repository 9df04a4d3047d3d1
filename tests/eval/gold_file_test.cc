// Gold files for claims documents and JSON Lines (subject,predicate,value[,date]), and the
// typing of their values by the predicate's value_kind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "credence/eval.h"
#include "eval/gold_match.h"

namespace credence {
namespace {

namespace fs = std::filesystem;

class GoldFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("credence-gold-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  std::string Write(const std::string& text) {
    const fs::path path = directory_ / "gold.csv";
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // The message of the InputError that reading `text` throws.
  std::string ErrorOf(const std::string& text) {
    const std::string path = Write(text);
    try {
      ReadGold(path, InputFormat::kClaimsJson);
    } catch (const InputError& error) {
      return error.what();
    }
    return "no error";
  }

  fs::path directory_;
};

TEST_F(GoldFileTest, ReadsRowsWithAndWithoutDates) {
  const std::string path = Write(
      "\xEF\xBB\xBF"
      "Subject, Predicate ,value,DATE\r\n"
      "\"Syria, Arab Republic\",member,true,2025-11\r\n"
      "\r\n"
      "deal,status, signed ,\r\n");
  const std::vector<TruthRecord> truth = ReadGold(path, InputFormat::kClaimsJsonl);
  ASSERT_EQ(truth.size(), 2U);
  EXPECT_EQ(truth[0].subject, "Syria, Arab Republic");
  EXPECT_EQ(truth[0].predicate, "member");
  EXPECT_EQ(truth[0].value, "true");
  ASSERT_TRUE(truth[0].date.has_value());
  EXPECT_EQ(truth[0].date->ToIso(), "2025-11");
  EXPECT_EQ(truth[0].where.ToString(), path + ":2");
  EXPECT_EQ(truth[1].value, "signed");
  EXPECT_FALSE(truth[1].date.has_value());
  EXPECT_EQ(truth[1].where.line, 4);
}

TEST_F(GoldFileTest, EveryProblemNamesItsLine) {
  const std::string path = (directory_ / "gold.csv").string();
  EXPECT_EQ(ErrorOf("item,truth\nq1,a\n"),
            path + ":1: expected the header subject,predicate,value[,date], got \"item,truth\"");
  EXPECT_EQ(ErrorOf("subject,predicate,value\nq1,label\n"),
            path + ":2: expected 3 fields (subject,predicate,value), found 2");
  EXPECT_EQ(ErrorOf("subject,predicate,value\nq1, ,a\n"),
            path + ":2: empty field 2 (predicate); expected subject,predicate,value");
  EXPECT_EQ(ErrorOf("subject,predicate,value,date\nq1,label,a,04/2025\n"),
            path +
                ":2: field 4 (date): expected an ISO 8601 date YYYY, YYYY-MM or YYYY-MM-DD, "
                "got \"04/2025\"");
  EXPECT_EQ(ErrorOf("subject,predicate,value,date\nq1,label,a,1492\n"),
            path + ":2: field 4 (date): year 1492 is outside the accepted range 1800..2200");
  EXPECT_EQ(ErrorOf(""), path +
                             ": no rows: the gold file is empty; expected the header "
                             "subject,predicate,value[,date] and one row per gold value");
  EXPECT_EQ(ErrorOf("subject,predicate,value\n"), path +
                                                      ": no rows: the gold file holds only "
                                                      "its header");
  EXPECT_EQ(
      ErrorOf("subject,predicate,value\n" + std::string(2000, 'p') + "x,p,v\n").find("field 1 is"),
      std::string::npos);  // a long subject is a string, under the 64 KiB limit
  EXPECT_NE(ErrorOf("subject,predicate,value\ns," + std::string(2000, 'p') + ",v\n")
                .find(":2: field 2 is 2000 bytes, longer than the limit of 1024 bytes for an id"),
            std::string::npos);
}

TEST_F(GoldFileTest, TabularFormatsReadTheirOwnGoldFiles) {
  const std::string path = Write("question,truth\nq1,Yes\n");
  const std::vector<TruthRecord> truth = ReadGold(path, InputFormat::kCrowdCsv);
  ASSERT_EQ(truth.size(), 1U);
  EXPECT_EQ(truth[0].value, "yes");
  EXPECT_EQ(truth[0].where.file, path);
  EXPECT_THROW(ReadGold(path, InputFormat::kAuto), InputError);
  for (const InputFormat format :
       {InputFormat::kClaimsJson, InputFormat::kClaimsJsonl, InputFormat::kCrowdCsv,
        InputFormat::kCrowdTsv, InputFormat::kBookTsv, InputFormat::kPopulationCsv}) {
    EXPECT_FALSE(GoldFormatOf(format).empty()) << ToString(format);
  }
}

PredicateRecord PredicateOf(ValueKind kind, const std::string& unit = "") {
  PredicateRecord predicate;
  predicate.id = "p";
  predicate.value_kind = kind;
  predicate.unit = unit;
  return predicate;
}

// The magnitude in base units of `text` read for a quantity predicate in `unit`, or the error.
std::string Quantity(const std::string& text, const std::string& unit) {
  std::string error;
  const std::optional<Value> value =
      eval_internal::ParseValueText(text, PredicateOf(ValueKind::kQuantity, unit), &error);
  if (!value) return error;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g %s", *value->magnitude(), value->text().c_str());
  return buffer;
}

TEST(ParseValueText, QuantitiesAreAmountScaleAndUnit) {
  EXPECT_EQ(Quantity("180", "day"), "180 day");             // the predicate's unit
  EXPECT_EQ(Quantity("6 months", "day"), "182.62125 day");  // 6 x 365.2425 / 12
  EXPECT_EQ(Quantity(" 2  weeks ", "day"), "14 day");
  EXPECT_EQ(Quantity("1.5 million USD", "USD"), "1500000 USD");
  EXPECT_EQ(Quantity("5 m", "count"), "5000000 count");        // no unit "m": the scale word
  EXPECT_EQ(Quantity("2 bn euros", "USD"), "2000000000 EUR");  // currencies are one dimension
  EXPECT_EQ(Quantity("90 members", "count"), "90 count");
  EXPECT_EQ(Quantity("3 us dollars", "USD"), "3 USD");
  EXPECT_EQ(Quantity("10 kilometres", "day"),
            "unit \"kilometres\" cannot be converted to the unit \"day\" of predicate \"p\"");
  EXPECT_EQ(Quantity("ten days", "day"),
            "expected AMOUNT [SCALE] [UNIT] (\"180\", \"6 months\", \"1.5 million USD\") for "
            "predicate \"p\" (value_kind quantity, unit \"day\"), got \"ten days\"");
  EXPECT_NE(Quantity("1e400", "day").find("expected AMOUNT"), std::string::npos);
  EXPECT_NE(Quantity("nan", "day").find("expected AMOUNT"), std::string::npos);
  EXPECT_NE(Quantity("1e300 trillion", "day").find("too large"), std::string::npos);
}

TEST(ParseValueText, OtherKinds) {
  std::string error;
  const auto read = [&](const std::string& text, ValueKind kind) {
    error.clear();
    return eval_internal::ParseValueText(text, PredicateOf(kind), &error);
  };
  EXPECT_EQ(read(" TRUE ", ValueKind::kBoolean), Value::Boolean(true));
  EXPECT_EQ(read("false", ValueKind::kBoolean), Value::Boolean(false));
  EXPECT_FALSE(read("yes", ValueKind::kBoolean));
  EXPECT_EQ(error, "expected true or false for predicate \"p\" (value_kind boolean), got \"yes\"");
  EXPECT_EQ(read("  Open   Door ", ValueKind::kCategory)->ToDisplay(), "open door");
  EXPECT_FALSE(read("  ", ValueKind::kCategory));
  EXPECT_EQ(read("Open  Door", ValueKind::kString)->ToDisplay(), "Open Door");
  EXPECT_EQ(read("2025-04", ValueKind::kDate)->date().granularity, DateGranularity::kMonth);
  EXPECT_FALSE(read("2025-02-30", ValueKind::kDate));
  EXPECT_EQ(
      error,
      "expected an ISO 8601 date YYYY, YYYY-MM or YYYY-MM-DD, got \"2025-02-30\" (2025-02 has "
      "no day 30) for predicate \"p\"");
}

}  // namespace
}  // namespace credence

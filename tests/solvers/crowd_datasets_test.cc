// The crowd-labelling solvers on the public crowd data sets (shared/datasets, next to the
// repository). Skips when the data is absent: it is never copied into the repository.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "credence/solver.h"
#include "test_support.h"

namespace credence {
namespace {

const std::string kDatasets = CREDENCE_SOURCE_DIR "/../shared/datasets/";

// Rows of a delimited file with no quoting.
std::vector<std::vector<std::string>> ReadRows(const std::string& path, char separator,
                                               bool header) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first && header) {
      first = false;
      continue;
    }
    first = false;
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, separator)) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

struct CrowdData {
  ClaimStore store;
  std::map<std::string, std::string> truth;  // item -> label
};

// Workers become outlets, items subjects of one category predicate whose domain is the set of
// labels seen (so the Dawid-Skene family gets shared labels).
CrowdData Load(const std::string& folder, const std::string& answers, const std::string& truth,
               char separator, bool header) {
  const auto answer_rows = ReadRows(kDatasets + folder + "/" + answers, separator, header);
  const auto truth_rows = ReadRows(kDatasets + folder + "/" + truth, separator, header);
  testing::DocumentBuilder builder;
  std::set<std::string> workers;
  std::set<std::string> labels;
  for (const auto& row : answer_rows) {
    if (workers.insert(row.at(1)).second) builder.Outlet(row.at(1));
    labels.insert(row.at(2));
  }
  builder.Predicate("label", ValueKind::kCategory);
  for (const auto& row : answer_rows) {
    builder.Claim(row.at(1), row.at(0), "label", Value::Category(row.at(2)));
  }
  ClaimsDocument document = builder.Document();
  for (const std::string& label : labels) {
    document.predicates[0].domain.push_back(Value::Category(label));
  }
  CrowdData data{BuildClaimStore(std::move(document)), {}};
  for (const auto& row : truth_rows) data.truth[row.at(0)] = row.at(1);
  return data;
}

double Accuracy(const CrowdData& data, const Solution& solution) {
  int correct = 0;
  int total = 0;
  for (std::size_t p = 0; p < data.store.num_propositions(); ++p) {
    const auto& info = data.store.propositions()[p];
    const auto it = data.truth.find(info.subject);
    if (it == data.truth.end()) continue;
    ++total;
    if (data.store.ValuesOf(p)[solution.timelines[p][0].state].ToDisplay() == it->second) ++correct;
  }
  return static_cast<double>(correct) / total;
}

bool Present(const std::string& folder) { return std::filesystem::exists(kDatasets + folder); }

TEST(CrowdDatasets, DawidSkeneOnDProduct) {
  if (!Present("d_product")) GTEST_SKIP() << "shared/datasets/d_product is not available";
  const CrowdData data = Load("d_product", "answer.csv", "truth.csv", ',', true);
  ASSERT_EQ(data.store.num_claims(), 24945U);
  const Solution solution = CreateSolver("dawid-skene")->Solve(data.store, SolverOptions{});
  const double accuracy = Accuracy(data, solution);
  std::cout << "dawid-skene on d_product: accuracy " << accuracy << ", "
            << solution.summary.BriefReport() << "\n";
  EXPECT_GE(accuracy, 0.9397);  // crowd-kit's DawidSkene figure
}

// Majority vote must reproduce the published reference figures: checks the loader and the
// accuracy rule (ties -> smallest label) the other figures rely on.
TEST(CrowdDatasets, MajorityVoteReproducesTheReferenceFigures) {
  struct Case {
    const char* folder;
    const char* answers;
    const char* truth;
    char separator;
    bool header;
    double expected;
  };
  const Case cases[] = {{"bluebirds", "answer.csv", "truth.csv", ',', true, 0.7593},
                        {"d_product", "answer.csv", "truth.csv", ',', true, 0.8966},
                        {"dog", "answer.csv", "truth.csv", ',', true, 0.8178},
                        {"rte", "rte_crowd.txt", "rte_truth.txt", '\t', false, 0.9187}};
  for (const Case& c : cases) {
    if (!Present(c.folder)) GTEST_SKIP() << "shared/datasets/" << c.folder << " is not available";
    const CrowdData data = Load(c.folder, c.answers, c.truth, c.separator, c.header);
    const Solution solution = CreateSolver("majority-vote")->Solve(data.store, SolverOptions{});
    EXPECT_NEAR(Accuracy(data, solution), c.expected, 5e-5) << c.folder;
  }
}

// Accuracy of every crowd solver on every set, printed for the record; each must do at least as
// well as a coin that always picks the majority class would on d_product (a sanity floor).
TEST(CrowdDatasets, EveryCrowdSolverOnEverySet) {
  struct Case {
    const char* folder;
    const char* answers;
    const char* truth;
    char separator;
    bool header;
  };
  const Case cases[] = {{"bluebirds", "answer.csv", "truth.csv", ',', true},
                        {"d_product", "answer.csv", "truth.csv", ',', true},
                        {"dog", "answer.csv", "truth.csv", ',', true},
                        {"rte", "rte_crowd.txt", "rte_truth.txt", '\t', false}};
  const char* algorithms[] = {"majority-vote", "dawid-skene", "one-coin", "glad", "mace", "wawa"};
  const auto names = SolverNames();
  for (const Case& c : cases) {
    if (!Present(c.folder)) GTEST_SKIP() << "shared/datasets/" << c.folder << " is not available";
    const CrowdData data = Load(c.folder, c.answers, c.truth, c.separator, c.header);
    for (const char* algorithm : algorithms) {
      if (std::find(names.begin(), names.end(), algorithm) == names.end()) continue;
      const Solution solution = CreateSolver(algorithm)->Solve(data.store, SolverOptions{});
      const double accuracy = Accuracy(data, solution);
      std::cout << c.folder << " " << algorithm << ": accuracy " << accuracy << " ("
                << solution.summary.BriefReport() << ", " << solution.summary.solve_seconds
                << " s)\n";
      EXPECT_GT(accuracy, 0.7) << c.folder << " " << algorithm;
    }
  }
}

}  // namespace
}  // namespace credence

// credence eval: accuracy of one or every algorithm against gold values, as JSON or a table.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "credence/claim_store.h"
#include "credence/eval.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/solver.h"

namespace credence::cli {
namespace {

// Data sets keep their file names in a folder named after the set ("d_product/answer.csv"), so
// the folder and the file together name it.
std::string DatasetName(const std::string& input) {
  if (input == "-") return input;
  const std::filesystem::path path = std::filesystem::absolute(input).lexically_normal();
  const std::filesystem::path folder = path.parent_path().filename();
  return folder.empty() ? path.filename().string() : (folder / path.filename()).string();
}

struct EvalFlags {
  InputFlags input;
  std::string truth;
  std::string algorithm = "all";
  bool table = false;
  std::string output;
  SolverOptions options;
};

// Tabular data sets can carry thousands of identical warnings; a few say enough.
constexpr std::size_t kMaxWarnings = 10;

int RunEval(const EvalFlags& flags) {
  std::string error;
  if (!flags.options.IsValid(&error)) throw CommandUsageError(error);
  std::vector<std::string> algorithms;
  if (flags.algorithm == "all") {
    for (std::string_view name : SolverNames()) algorithms.emplace_back(name);
  } else {
    CreateSolver(flags.algorithm);  // throws std::invalid_argument when unknown
    algorithms.push_back(flags.algorithm);
  }
  // The gold file's format follows the input's: the one detected when loading it.
  InputFormat format = ParseFormatFlag(flags.input);
  const ClaimStore store = LoadInput(flags.input, format, kMaxWarnings, &format);
  const std::vector<TruthRecord> truth = ReadGold(flags.truth, format);
  std::vector<Diagnostic> warnings;
  const std::vector<EvalResult> results =
      Evaluate(store, truth, algorithms, flags.options, &warnings);
  for (std::size_t i = 0; i < warnings.size() && i < kMaxWarnings; ++i) {
    std::cerr << warnings[i].ToString() << '\n';
  }
  if (warnings.size() > kMaxWarnings) {
    std::cerr << "... and " << warnings.size() - kMaxWarnings << " more warnings\n";
  }
  const std::string dataset = DatasetName(flags.input.input);
  const bool terminal = isatty(STDOUT_FILENO) != 0;
  if (flags.output.empty() || flags.output == "-") {
    WriteFileAtomically("-", flags.table || terminal ? EvalResultsToTable(dataset, results)
                                                     : EvalResultsToJson(dataset, results));
  } else {
    WriteFileAtomically(flags.output, flags.table ? EvalResultsToTable(dataset, results)
                                                  : EvalResultsToJson(dataset, results));
    if (terminal) WriteFileAtomically("-", EvalResultsToTable(dataset, results));
    std::cerr << "wrote " << flags.output << '\n';
  }
  return 0;
}

}  // namespace

Command AddEvalCommand(CLI::App& app) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* command = app.add_subcommand(
      "eval", "score a data set with one or every algorithm and compare with its gold labels");
  std::string formats =
      "input format: auto (detect by content), or one of these, each with the "
      "gold file --truth names:";
  for (const char* name : {"json", "jsonl", "crowd-csv", "crowd-tsv", "book", "population"}) {
    formats += std::string(" ") + name +
               " (gold: " + std::string(GoldFormatOf(*ParseInputFormat(name))) + "),";
  }
  formats.back() = '.';
  command
      ->add_option("INPUT", flags->input.input,
                   "data set or claims to read ('-' for standard input)")
      ->required();
  command
      ->add_option("--truth", flags->truth,
                   "gold values for the input (the gold file of its format, see --format)")
      ->required();
  command->add_option("--format", flags->input.format, formats)->capture_default_str();
  AddReadFlags(command, &flags->input);
  std::string names;
  for (std::string_view name : SolverNames()) {
    names += names.empty() ? "" : ", ";
    names += name;
  }
  command->add_option("-a,--algorithm", flags->algorithm, "algorithm to run, or all: " + names)
      ->capture_default_str();
  command->add_flag("--table", flags->table,
                    "write a table instead of JSON (the default when standard output is a "
                    "terminal)");
  command->add_option("-o,--output", flags->output,
                      "write the results here (atomically); default: standard output");
  SolverOptions& options = flags->options;
  command
      ->add_option("-j,--threads", options.num_threads,
                   "threads (results are identical for any number)")
      ->capture_default_str();
  command->add_option("--max-iterations", options.max_iterations, "iteration cap")
      ->capture_default_str();
  command
      ->add_option("--tolerance", options.tolerance,
                   "converged when no reliability moves by more than this")
      ->capture_default_str();
  command
      ->add_option("--prior-alpha", options.prior_alpha, "Beta prior pseudo-count of true claims")
      ->capture_default_str();
  command->add_option("--prior-beta", options.prior_beta, "Beta prior pseudo-count of false claims")
      ->capture_default_str();
  command
      ->add_option("--change-rate", options.change_rate_per_year,
                   "expected changes per year of a mutable predicate's value")
      ->capture_default_str();
  command
      ->add_option("--confusion-pseudo-count", options.confusion_pseudo_count,
                   "dawid-skene: weight in answers of the prior toward the crowd's confusion "
                   "matrix")
      ->capture_default_str();
  command->add_option("--seed", options.seed, "seed of algorithms that draw random numbers")
      ->capture_default_str();
  return {command, [flags] { return RunEval(*flags); }};
}

}  // namespace credence::cli

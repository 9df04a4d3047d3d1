// credence: the command line. A thin shell over the library: parse flags, call, map errors to
// exit codes (0 success, 1 invalid input, 2 usage error, 3 internal failure).

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

#include "commands.h"
#include "credence/claim_store.h"
#include "credence/consistency_graph.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/score.h"
#include "credence/solver.h"
#include "credence/version.h"

namespace {

constexpr int kExitInvalidInput = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;

using UsageError = credence::cli::CommandUsageError;

struct InputFlags {
  std::string input;
  std::string format = "auto";
};

void AddInputFlags(CLI::App* command, InputFlags* flags) {
  command
      ->add_option("INPUT", flags->input,
                   "the input file ('-' for standard input: a claims document)")
      ->required();
  command
      ->add_option("--format", flags->format,
                   "input format: auto (detect by content), json (a claims document), jsonl (JSON "
                   "Lines), crowd-csv, crowd-tsv, book or population")
      ->capture_default_str();
}

void AddSolverFlags(CLI::App* command, credence::SolverOptions* options) {
  std::string names;
  for (std::string_view name : credence::SolverNames()) {
    names += names.empty() ? "" : ", ";
    names += name;
  }
  command->add_option("-a,--algorithm", options->algorithm, "scoring algorithm: " + names)
      ->capture_default_str();
  command
      ->add_option("-j,--threads", options->num_threads,
                   "threads (output is identical for any number)")
      ->capture_default_str();
  command->add_option("--max-iterations", options->max_iterations, "iteration cap")
      ->capture_default_str();
  command
      ->add_option("--tolerance", options->tolerance,
                   "converged when no reliability moves by more than this")
      ->capture_default_str();
  command
      ->add_option("--prior-alpha", options->prior_alpha, "Beta prior pseudo-count of true claims")
      ->capture_default_str();
  command
      ->add_option("--prior-beta", options->prior_beta, "Beta prior pseudo-count of false claims")
      ->capture_default_str();
  command
      ->add_option("--change-rate", options->change_rate_per_year,
                   "expected changes per year of a mutable predicate's value")
      ->capture_default_str();
}

credence::ClaimStore LoadStore(const InputFlags& flags, bool print_warnings) {
  const std::optional<credence::InputFormat> format = credence::ParseInputFormat(flags.format);
  if (!format) {
    throw UsageError("unknown --format \"" + flags.format +
                     "\"; known: auto, json, jsonl, crowd-csv, crowd-tsv, book, population");
  }
  std::vector<credence::Diagnostic> warnings;
  credence::ClaimStore store = credence::LoadClaimStore(flags.input, *format, {}, &warnings);
  if (print_warnings) {
    for (const credence::Diagnostic& warning : warnings) std::cerr << warning.ToString() << '\n';
  }
  return store;
}

void CheckOptions(const credence::SolverOptions& options) {
  std::string error;
  if (!options.IsValid(&error)) throw UsageError(error);
  credence::CreateSolver(options.algorithm);  // throws std::invalid_argument when unknown
}

int RunScore(const InputFlags& flags, const credence::SolverOptions& options,
             const std::string& output, bool summary) {
  CheckOptions(options);
  const credence::ClaimStore store = LoadStore(flags, true);
  const credence::ScoreReport report = credence::Score(store, options);
  const auto write = [&](std::ostream& out) { credence::WriteScoresJson(store, report, out); };
  if (output.empty() || output == "-") {
    credence::WriteFileAtomically("-", write);
    if (summary) std::cerr << credence::FormatSummary(store, report);
  } else {
    credence::WriteFileAtomically(output, write);
    if (summary) std::cout << credence::FormatSummary(store, report);
    std::cerr << "wrote " << output << '\n';
  }
  return 0;
}

int RunValidate(const std::vector<std::string>& inputs) {
  int status = 0;
  for (const std::string& input : inputs) {
    try {
      if (input != "-" &&
          credence::DetectInputFormat(input) == credence::InputFormat::kClaimsJsonl) {
        std::vector<credence::Diagnostic> warnings;
        const credence::ClaimStore store =
            credence::LoadClaimStore(input, credence::InputFormat::kClaimsJsonl, {}, &warnings);
        for (const credence::Diagnostic& warning : warnings) {
          std::cout << warning.ToString() << '\n';
        }
        std::cout << input << ": valid JSON Lines: " << store.num_outlets() << " outlets, "
                  << store.predicates().size() << " predicates, " << store.num_claims()
                  << " claims\n";
        continue;
      }
      const credence::ClaimsDocument document = credence::ReadClaimsDocument(input);
      for (const credence::Diagnostic& warning : document.warnings) {
        std::cout << warning.ToString() << '\n';
      }
      std::cout << input << ": valid: " << document.outlets.size() << " outlets, "
                << document.predicates.size() << " predicates, " << document.articles.size()
                << " articles, " << document.NumClaims() << " claims\n";
    } catch (const credence::InputError& error) {
      for (const credence::Diagnostic& diagnostic : error.diagnostics()) {
        std::cout << diagnostic.ToString() << '\n';
      }
      std::cout << input << ": invalid: " << error.diagnostics().size() << " problem"
                << (error.diagnostics().size() == 1 ? "" : "s") << '\n';
      status = kExitInvalidInput;
    }
  }
  return status;
}

int RunGraph(const InputFlags& flags, const credence::SolverOptions& options,
             const std::string& output) {
  CheckOptions(options);
  const credence::ClaimStore store = LoadStore(flags, true);
  credence::ConsistencyGraph graph;
  const credence::ScoreReport report = credence::Score(store, options, {}, &graph);
  credence::WriteFileAtomically(output.empty() ? "-" : output,
                                credence::GraphToDot(store, graph, &report));
  return 0;
}

}  // namespace

// The solver flags, for the subcommands in their own files.
void credence::cli::AddSolverFlags(CLI::App* command, SolverOptions* options) {
  ::AddSolverFlags(command, options);
}

int main(int argc, char** argv) {
  CLI::App app{"credence: scores how reliable news outlets are and how probable their claims are"};
  app.set_version_flag("--version", std::string(credence::Version()));
  app.require_subcommand(1);

  InputFlags score_flags;
  credence::SolverOptions score_options;
  std::string score_output;
  bool score_summary = false;
  CLI::App* score = app.add_subcommand(
      "score", "score claims (a document, JSON Lines or a table) and write the scores JSON");
  AddInputFlags(score, &score_flags);
  AddSolverFlags(score, &score_options);
  score
      ->add_option("--explain-max-groups", score_options.explain_max_groups,
                   "per-claim influences for propositions with at most this many evidence "
                   "groups; 0 computes none (for millions of claims, where they cost more than "
                   "the fit)")
      ->capture_default_str();
  score->add_option("-o,--output", score_output,
                    "write the scores JSON here (atomically); default: standard output");
  score->add_flag("--summary", score_summary,
                  "also print a readable summary (to standard output with -o, else to standard "
                  "error)");

  std::vector<std::string> validate_inputs;
  CLI::App* validate = app.add_subcommand(
      "validate", "check claims documents; exit 0 when valid, 1 with every problem listed");
  validate
      ->add_option("INPUT", validate_inputs,
                   "claims documents or JSON Lines files ('-' for standard input: a document)")
      ->required();

  InputFlags graph_flags;
  credence::SolverOptions graph_options;
  std::string graph_output;
  bool dot = true;
  CLI::App* graph = app.add_subcommand(
      "graph", "score a document and write its consistency graph as GraphViz DOT");
  AddInputFlags(graph, &graph_flags);
  AddSolverFlags(graph, &graph_options);
  graph->add_flag("--dot", dot, "write GraphViz DOT (the only graph format for now)");
  graph->add_option("-o,--output", graph_output, "write the DOT here; default: standard output");

  // Subcommands defined in their own files (tools/*_command.cc), one line each.
  const std::vector<credence::cli::Command> commands = {
      credence::cli::AddSynthCommand(app),
      credence::cli::AddEvalCommand(app),
      credence::cli::AddReportCommand(app),
      credence::cli::AddExportCommand(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : kExitUsage;
  }

  try {
    if (score->parsed()) return RunScore(score_flags, score_options, score_output, score_summary);
    if (validate->parsed()) return RunValidate(validate_inputs);
    if (graph->parsed()) return RunGraph(graph_flags, graph_options, graph_output);
    for (const credence::cli::Command& command : commands) {
      if (command.app->parsed()) return command.run();
    }
  } catch (const credence::InputError& error) {
    std::cerr << error.what() << '\n';
    return kExitInvalidInput;
  } catch (const UsageError& error) {
    std::cerr << "credence: " << error.what() << '\n';
    return kExitUsage;
  } catch (const std::invalid_argument& error) {
    std::cerr << "credence: " << error.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "credence: internal error: " << error.what() << '\n';
    return kExitInternal;
  }
  return kExitUsage;
}

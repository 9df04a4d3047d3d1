// credence: the command line. A thin shell over the library: parse flags, call, map errors to
// exit codes (README, docs/robustness.md):
//   0  success;
//   1  the input cannot be used, an output cannot be written, or the system refused (a missing
//      directory, a full disk, a lost standard output, too little memory);
//   2  usage error (an unknown option, algorithm or format, an option out of range);
//   3  internal error: a bug, and only a bug;
//   128 + N  ended by signal N (SIGINT, SIGTERM, SIGHUP remove a partly written output first).

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <limits>
#include <new>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "commands.h"
#include "credence/atomic_file.h"
#include "credence/claim_store.h"
#include "credence/consistency_graph.h"
#include "credence/database.h"
#include "credence/error.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/score.h"
#include "credence/solver.h"
#include "credence/version.h"

namespace credence::cli {

void AddInputFlags(CLI::App* command, InputFlags* flags, const std::string& format_help) {
  command
      ->add_option("INPUT", flags->input,
                   "the input file ('-' for standard input: a claims document)")
      ->required();
  command->add_option("--format", flags->format, format_help)->capture_default_str();
  command->add_flag("--allow-empty", flags->allow_empty,
                    "accept an input that holds no claim (refused by default: an empty input is "
                    "usually a broken pipeline)");
  AddReadFlags(command, flags);
}

void AddReadFlags(CLI::App* command, InputFlags* flags) {
  command
      ->add_option("--duplicates", flags->duplicates,
                   "tables (crowd-csv, crowd-tsv, population): a row whose worker already "
                   "answered its item is one more vote (vote), left out (first), kept instead "
                   "of the earlier answers (last) or an error (error)")
      ->capture_default_str();
  command->add_flag("--strict", flags->strict,
                    "make every warning about the input an error (unknown keys, normalised "
                    "dates, look-alike ids, repeated rows)");
}

ReadOptions ReadOptionsOf(const InputFlags& flags) {
  ReadOptions options;
  const std::optional<DuplicateAnswers> duplicates = ParseDuplicateAnswers(flags.duplicates);
  if (!duplicates) {
    throw CommandUsageError("unknown --duplicates \"" + flags.duplicates +
                            "\"; known: vote, first, last, error");
  }
  options.duplicates = *duplicates;
  options.strict = flags.strict;
  return options;
}

const char* const kInputFormatHelp =
    "input format: auto (detect by content), json (a claims document), jsonl (JSON Lines), "
    "crowd-csv, crowd-tsv, book or population";

InputFormat ParseFormatFlag(const InputFlags& flags) {
  const std::optional<InputFormat> format = ParseInputFormat(flags.format);
  if (!format) {
    throw CommandUsageError("unknown --format \"" + flags.format +
                            "\"; known: auto, json, jsonl, crowd-csv, crowd-tsv, book, population");
  }
  return *format;
}

void RequireClaims(std::size_t num_claims, const std::string& input, bool allow_empty) {
  if (num_claims > 0 || allow_empty) return;
  throw InputError(Diagnostic{Severity::kError,
                              {input == "-" ? "<stdin>" : input, "", 0},
                              "no claims: the input holds no claim to score (pass --allow-empty "
                              "to accept an empty input)"});
}

ClaimStore LoadInput(const InputFlags& flags, InputFormat format, std::size_t max_warnings,
                     InputFormat* detected) {
  std::vector<Diagnostic> warnings;
  ClaimStore store = LoadClaimStore(flags.input, format, ReadOptionsOf(flags), &warnings, detected);
  for (std::size_t i = 0; i < warnings.size() && i < max_warnings; ++i) {
    std::cerr << warnings[i].ToString() << '\n';
  }
  if (warnings.size() > max_warnings) {
    std::cerr << "... and " << warnings.size() - max_warnings << " more warnings\n";
  }
  RequireClaims(store.num_claims(), flags.input, flags.allow_empty);
  return store;
}

}  // namespace credence::cli

namespace {

constexpr int kExitUserError = 1;  // the input, an output or the system: fixable by the user
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;  // a bug

using credence::cli::AddReadFlags;
using credence::cli::InputFlags;
using UsageError = credence::cli::CommandUsageError;

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
                   "prior mean of a predicate's changes per year (learned from the data)")
      ->capture_default_str();
  command
      ->add_option("--change-rate-prior-years", options->change_rate_prior_years,
                   "years of observed time the change-rate prior weighs")
      ->capture_default_str();
  command
      ->add_option("--dated-change-count", options->dated_change_count,
                   "expected changes within a period that a claim's since/until names")
      ->capture_default_str();
  command
      ->add_option("--confusion-pseudo-count", options->confusion_pseudo_count,
                   "dawid-skene: weight in answers of the prior toward the crowd's confusion "
                   "matrix")
      ->capture_default_str();
}

credence::ClaimStore LoadStore(const InputFlags& flags) {
  return credence::cli::LoadInput(flags, credence::cli::ParseFormatFlag(flags),
                                  std::numeric_limits<std::size_t>::max());
}

void CheckOptions(const credence::SolverOptions& options) {
  std::string error;
  if (!options.IsValid(&error)) throw UsageError(error);
  credence::CreateSolver(options.algorithm);  // throws std::invalid_argument when unknown
}

int RunScore(const InputFlags& flags, const credence::SolverOptions& options,
             const std::string& output, bool summary) {
  CheckOptions(options);
  const credence::ClaimStore store = LoadStore(flags);
  const credence::ScoreReport report = credence::Score(store, options);
  const auto write = [&](std::ostream& out) { credence::WriteScoresJson(store, report, out); };
  if (output.empty() || output == "-") {
    credence::WriteFileAtomically("-", write);
    if (summary) std::cerr << credence::FormatSummary(store, report);
  } else {
    credence::WriteFileAtomically(output, write);
    if (summary) credence::WriteFileAtomically("-", credence::FormatSummary(store, report));
    std::cerr << "wrote " << output << '\n';
  }
  return 0;
}

int RunValidate(const std::vector<std::string>& inputs, const InputFlags& flags) {
  int status = 0;
  const credence::ReadOptions options = credence::cli::ReadOptionsOf(flags);
  for (const std::string& input : inputs) {
    // Each input's report is written whole, through the same checked path as every output.
    std::ostringstream report;
    try {
      // Opened once and detected from its first bytes, so a pipe or standard input works too.
      std::vector<credence::Diagnostic> warnings;
      credence::InputFormat format = credence::InputFormat::kAuto;
      const credence::ClaimStore store = credence::LoadClaimStore(
          input, credence::InputFormat::kAuto, options, &warnings, &format);
      for (const credence::Diagnostic& warning : warnings) report << warning.ToString() << '\n';
      credence::cli::RequireClaims(store.num_claims(), input, flags.allow_empty);
      report << input << ": valid";
      if (format == credence::InputFormat::kClaimsJsonl) {
        report << " JSON Lines";
      } else if (format != credence::InputFormat::kClaimsJson) {
        report << " " << credence::ToString(format);
      }
      report << ": " << store.num_outlets() << " outlets, " << store.predicates().size()
             << " predicates, ";
      if (format == credence::InputFormat::kClaimsJson) {
        report << store.articles().size() << " articles, ";
      }
      report << store.num_claims() << " claims\n";
    } catch (const credence::InputError& error) {
      std::size_t problems = 0;
      for (const credence::Diagnostic& diagnostic : error.diagnostics()) {
        report << diagnostic.ToString() << '\n';
        problems += diagnostic.severity == credence::Severity::kError ? 1 : 0;
      }
      report << input << ": invalid: " << problems << " problem" << (problems == 1 ? "" : "s")
             << '\n';
      status = kExitUserError;
    }
    credence::WriteFileAtomically("-", report.str());
  }
  return status;
}

int RunGraph(const InputFlags& flags, const credence::SolverOptions& options,
             const std::string& output) {
  CheckOptions(options);
  const credence::ClaimStore store = LoadStore(flags);
  credence::ConsistencyGraph graph;
  const credence::ScoreReport report = credence::Score(store, options, {}, &graph);
  credence::WriteFileAtomically(output.empty() ? "-" : output,
                                credence::GraphToDot(store, graph, &report));
  return 0;
}

// Runs a parsed command and maps what it throws to an exit status, printing the error once.
int RunMappingErrors(const std::function<int()>& run) {
  try {
    return run();
  } catch (const credence::InputError& error) {
    std::cerr << error.what() << '\n';  // every line names its file
  } catch (const credence::OutputError& error) {
    std::cerr << "credence: " << error.what() << '\n';
  } catch (const credence::DatabaseError& error) {
    std::cerr << "credence: " << error.what() << '\n';
  } catch (const UsageError& error) {
    std::cerr << "credence: " << error.what() << '\n';
    return kExitUsage;
  } catch (const std::invalid_argument& error) {
    std::cerr << "credence: " << error.what() << '\n';
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "credence: out of memory: the input needs more memory than the system gives "
                 "(docs/robustness.md lists the input limits)\n";
  } catch (const std::system_error& error) {
    // The system refused something (threads, files): the environment's answer, not a bug.
    std::cerr << "credence: " << error.what() << '\n';
  } catch (const std::exception& error) {
    std::cerr << "credence: internal error: " << error.what() << '\n';
    return kExitInternal;
  }
  return kExitUserError;
}

// A closed standard stream would lend its number to the next file opened, and text meant for
// standard output would land in an output file. Each closed one is opened on /dev/null in the
// direction that fails, so that writing to a closed standard output is an error.
void GuardStandardStreams() {
  for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int opened = ::open("/dev/null", (fd == STDIN_FILENO ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
    if (opened >= 0 && opened != fd) {
      ::dup2(opened, fd);
      ::close(opened);
    }
  }
}

// Every output of a command goes through WriteFileAtomically, which reports a failed write to
// standard output with its reason. This catches what else reached std::cout (help texts): a
// write that failed (a full disk, a closed descriptor) must not end in exit status 0.
int FinishStandardOutput(int status) {
  std::cout.flush();
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int error = errno;
  if (flushed && std::ferror(stdout) == 0 && std::cout.good()) return status;
  std::cerr << "credence: cannot write standard output"
            << (error != 0 ? std::string(": ") + std::strerror(error) : std::string()) << '\n';
  return status == 0 ? kExitUserError : status;
}

// Defines the commands, parses the command line and runs the command it names.
int RunCommandLine(int argc, char** argv) {
  CLI::App app{"credence: scores how reliable news outlets are and how probable their claims are"};
  app.set_version_flag("--version", std::string(credence::Version()));
  app.require_subcommand(1);

  InputFlags score_flags;
  credence::SolverOptions score_options;
  std::string score_output;
  bool score_summary = false;
  CLI::App* score = app.add_subcommand(
      "score", "score claims (a document, JSON Lines or a table) and write the scores JSON");
  AddInputFlags(score, &score_flags, credence::cli::kInputFormatHelp);
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
  InputFlags validate_flags;
  CLI::App* validate = app.add_subcommand(
      "validate",
      "check inputs (claims documents, JSON Lines, tables); exit 0 when valid, 1 with every "
      "problem listed");
  validate
      ->add_option("INPUT", validate_inputs,
                   "claims documents, JSON Lines files or tables ('-' for standard input)")
      ->required();
  validate->add_flag("--allow-empty", validate_flags.allow_empty,
                     "count a document without claims as valid (refused by default)");
  AddReadFlags(validate, &validate_flags);

  InputFlags graph_flags;
  credence::SolverOptions graph_options;
  std::string graph_output;
  bool dot = true;
  CLI::App* graph = app.add_subcommand(
      "graph", "score a document and write its consistency graph as GraphViz DOT");
  AddInputFlags(graph, &graph_flags, credence::cli::kInputFormatHelp);
  AddSolverFlags(graph, &graph_options);
  graph->add_flag("--dot", dot, "write GraphViz DOT (the only graph format for now)");
  graph->add_option("-o,--output", graph_output, "write the DOT here; default: standard output");

  // Subcommands defined in their own files (tools/*_command.cc), one line each.
  const std::vector<credence::cli::Command> commands = {
      credence::cli::AddSynthCommand(app),  credence::cli::AddEvalCommand(app),
      credence::cli::AddReportCommand(app), credence::cli::AddExportCommand(app),
      credence::cli::AddIngestCommand(app), credence::cli::AddServeCommand(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : kExitUsage;
  }
  if (score->parsed()) return RunScore(score_flags, score_options, score_output, score_summary);
  if (validate->parsed()) return RunValidate(validate_inputs, validate_flags);
  if (graph->parsed()) return RunGraph(graph_flags, graph_options, graph_output);
  for (const credence::cli::Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return kExitUsage;
}

}  // namespace

// The solver flags, for the subcommands in their own files.
void credence::cli::AddSolverFlags(CLI::App* command, SolverOptions* options) {
  ::AddSolverFlags(command, options);
}

int main(int argc, char** argv) {
  GuardStandardStreams();
  credence::RemoveTemporaryFilesOnSignals();
  const int status = RunMappingErrors([&] { return RunCommandLine(argc, argv); });
  return FinishStandardOutput(status);
}

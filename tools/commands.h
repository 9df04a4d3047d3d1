// Subcommands of the credence executable that live in their own files. Each registers its
// flags on the application and returns how to run it; main() maps exceptions to exit codes:
// credence::InputError -> 1, CommandUsageError and std::invalid_argument -> 2, others -> 3.
#ifndef CREDENCE_TOOLS_COMMANDS_H_
#define CREDENCE_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>

#include "credence/solver.h"

namespace credence::cli {

// A bad flag value found after parsing (e.g. an unknown --format).
class CommandUsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  // returns the exit code
};

// The solver flags of every command that scores (tools/credence.cc).
void AddSolverFlags(CLI::App* command, SolverOptions* options);

// Where report and export get their scores (tools/scores_source.cc): INPUT scored with the
// solver flags, or a scores document given by --scores.
struct ScoresSource {
  std::string input;
  std::string format = "auto";
  std::string scores_file;
  SolverOptions options;
};
void AddScoresSourceFlags(CLI::App* command, ScoresSource* source);
struct ScoresDocument {
  std::string text;
  std::string name;  // the file it came from, for error messages
};
ScoresDocument LoadScores(const ScoresSource& source);

// credence eval (tools/eval_command.cc).
Command AddEvalCommand(CLI::App& app);

// credence synth (tools/synth_command.cc).
Command AddSynthCommand(CLI::App& app);

// credence report (tools/report_command.cc).
Command AddReportCommand(CLI::App& app);

// credence export (tools/export_command.cc).
Command AddExportCommand(CLI::App& app);

}  // namespace credence::cli

#endif  // CREDENCE_TOOLS_COMMANDS_H_

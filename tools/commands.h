// Subcommands of the credence executable that live in their own files, and the pieces they
// share with the ones in tools/credence.cc. Each registers its flags on the application and
// returns how to run it; main() maps exceptions to exit codes: credence::InputError and
// credence::OutputError -> 1, CommandUsageError and std::invalid_argument -> 2, std::bad_alloc
// and std::system_error -> 1, other exceptions (bugs) -> 3.
#ifndef CREDENCE_TOOLS_COMMANDS_H_
#define CREDENCE_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>

#include "credence/claim_store.h"
#include "credence/input.h"
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
// (ScoresSource follows InputFlags below.)
struct ScoresDocument {
  std::string text;
  std::string name;  // the file it came from, for error messages
};
// The input of a command that reads claims (tools/credence.cc).
struct InputFlags {
  std::string input;
  std::string format = "auto";
  bool allow_empty = false;         // an input without claims is an error unless this is set
  std::string duplicates = "vote";  // ReadOptions::duplicates, by name
  bool strict = false;              // ReadOptions::strict
};
// The --format help of the commands that score any input.
extern const char* const kInputFormatHelp;
// Adds INPUT, --format (with `format_help`), --allow-empty and the reading flags below.
void AddInputFlags(CLI::App* command, InputFlags* flags, const std::string& format_help);
// Adds --duplicates and --strict, for commands that name INPUT and --format themselves.
void AddReadFlags(CLI::App* command, InputFlags* flags);
// The format --format names (kAuto for "auto"); CommandUsageError for an unknown name.
InputFormat ParseFormatFlag(const InputFlags& flags);
// The reader options the flags ask for; CommandUsageError for an unknown --duplicates.
ReadOptions ReadOptionsOf(const InputFlags& flags);
// Throws InputError at `input` when it holds no claim, unless `allow_empty`: an empty input is
// almost always a broken pipeline upstream, and exit status 0 would hide it.
void RequireClaims(std::size_t num_claims, const std::string& input, bool allow_empty);
// Loads the input as `format` (kAuto detects it; `detected`, when not null, receives the format
// read), prints at most `max_warnings` of its warnings to standard error (then how many more
// there were), and applies RequireClaims.
ClaimStore LoadInput(const InputFlags& flags, InputFormat format, std::size_t max_warnings,
                     InputFormat* detected = nullptr);

struct ScoresSource {
  InputFlags input;  // INPUT empty when --scores is given
  std::string scores_file;
  SolverOptions options;
};
void AddScoresSourceFlags(CLI::App* command, ScoresSource* source);
ScoresDocument LoadScores(const ScoresSource& source);

// credence eval (tools/eval_command.cc).
Command AddEvalCommand(CLI::App& app);

// credence synth (tools/synth_command.cc).
Command AddSynthCommand(CLI::App& app);

// credence report (tools/report_command.cc).
Command AddReportCommand(CLI::App& app);

// credence export (tools/export_command.cc).
Command AddExportCommand(CLI::App& app);

// credence ingest (tools/ingest_command.cc).
Command AddIngestCommand(CLI::App& app);

// credence serve (tools/serve_command.cc).
Command AddServeCommand(CLI::App& app);

}  // namespace credence::cli

#endif  // CREDENCE_TOOLS_COMMANDS_H_

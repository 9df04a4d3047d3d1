// Subcommands of the credence executable that live in their own files. Each registers its
// flags on the application and returns how to run it; main() maps exceptions to exit codes:
// credence::InputError -> 1, CommandUsageError and std::invalid_argument -> 2, others -> 3.
#ifndef CREDENCE_TOOLS_COMMANDS_H_
#define CREDENCE_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>

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

// credence eval (tools/eval_command.cc).
Command AddEvalCommand(CLI::App& app);

// credence synth (tools/synth_command.cc).
Command AddSynthCommand(CLI::App& app);

}  // namespace credence::cli

#endif  // CREDENCE_TOOLS_COMMANDS_H_

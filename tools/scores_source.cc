// Where the commands that present scores (report, export) get them: by scoring an input, like
// `credence score`, or from a scores document already written (--scores). The service will add
// its store as a third source.
#include <cstddef>
#include <limits>
#include <sstream>

#include "commands.h"
#include "credence/input.h"
#include "credence/output.h"
#include "credence/score.h"

namespace credence::cli {

void AddScoresSourceFlags(CLI::App* command, ScoresSource* source) {
  command->add_option("INPUT", source->input.input,
                      "claims to score: a document, JSON Lines or a table ('-' for standard "
                      "input)");
  command
      ->add_option("--format", source->input.format,
                   "format of INPUT: auto (detect by content), json, jsonl, crowd-csv, crowd-tsv, "
                   "book or population")
      ->capture_default_str();
  command->add_flag("--allow-empty", source->input.allow_empty,
                    "accept an INPUT that holds no claim (refused by default)");
  AddReadFlags(command, &source->input);
  command->add_option("--scores", source->scores_file,
                      "a scores document already written by credence score, instead of INPUT");
  AddSolverFlags(command, &source->options);
}

ScoresDocument LoadScores(const ScoresSource& source) {
  if (source.input.input.empty() == source.scores_file.empty()) {
    throw CommandUsageError("give either INPUT (claims to score) or --scores FILE, not both");
  }
  if (!source.scores_file.empty()) {
    // A scores document is about 1 KB a claim; the cap only stops a runaway pipe.
    constexpr std::size_t kMaxScoresBytes = std::size_t{64} << 30;
    return {ReadInputBytes(source.scores_file, kMaxScoresBytes), source.scores_file};
  }
  std::string error;
  if (!source.options.IsValid(&error)) throw CommandUsageError(error);
  CreateSolver(source.options.algorithm);  // throws std::invalid_argument when unknown
  const InputFlags& input = source.input;
  const ClaimStore store =
      LoadInput(input, ParseFormatFlag(input), std::numeric_limits<std::size_t>::max());
  std::ostringstream scores;
  WriteScoresJson(store, Score(store, source.options), scores);
  return {std::move(scores).str(), source.input.input};
}

}  // namespace credence::cli

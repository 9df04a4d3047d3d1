// credence report: the HTML report of a scored input or of a scores document.
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "credence/output.h"
#include "credence/report.h"

namespace credence::cli {
namespace {

struct ReportFlags {
  ScoresSource source;
  std::string output;
  ReportOptions options;
};

int RunReport(const ReportFlags& flags) {
  const ScoresDocument scores = LoadScores(flags.source);
  const auto write = [&](std::ostream& out) {
    WriteReportHtml(scores.text, scores.name, flags.options, out);
  };
  const std::string output = flags.output.empty() ? "-" : flags.output;
  WriteFileAtomically(output, write);
  if (output != "-") std::cerr << "wrote " << output << '\n';
  return 0;
}

}  // namespace

Command AddReportCommand(CLI::App& app) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* command = app.add_subcommand(
      "report",
      "write a self-contained HTML report: sources with their intervals, every proposition's "
      "timeline, supersessions and every claim's explanation");
  AddScoresSourceFlags(command, &flags->source);
  command->add_option("-o,--output", flags->output,
                      "write the page here (atomically); default: standard output");
  ReportOptions& options = flags->options;
  command->add_option("--title", options.title, "page title (default: the input's name)");
  command
      ->add_option("--max-plotted-sources", options.max_plotted_sources,
                   "sources drawn in the forest plot")
      ->capture_default_str();
  command
      ->add_option("--max-table-rows", options.max_table_rows,
                   "rows of the source, proposition and article tables")
      ->capture_default_str();
  command
      ->add_option("--max-charted-propositions", options.max_charted_propositions,
                   "propositions drawn with a timeline")
      ->capture_default_str();
  command
      ->add_option("--max-claim-rows", options.max_claim_rows,
                   "claims listed with their explanations, all told")
      ->capture_default_str();
  command
      ->add_option("--max-claims-per-proposition", options.max_claims_per_proposition,
                   "claims listed under one proposition")
      ->capture_default_str();
  return {command, [flags] { return RunReport(*flags); }};
}

}  // namespace credence::cli

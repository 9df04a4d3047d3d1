// credence export: the scores in another format (schema.org ClaimReview JSON-LD), or a store's
// claims back as one claims document (--db). What to export is one flag (--claimreview) and
// where the scores come from is the scores source (INPUT or --scores).
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "credence/claim_review.h"
#include "credence/database.h"
#include "credence/output.h"

namespace credence::cli {
namespace {

struct ExportFlags {
  ScoresSource source;
  bool claim_review = false;
  std::string db;
  std::string output;
  ClaimReviewOptions claim_review_options;
};

int RunExportDocument(const ExportFlags& flags) {
  if (flags.claim_review || !flags.source.input.input.empty() ||
      !flags.source.scores_file.empty()) {
    throw CommandUsageError(
        "--db exports the store's claims document and takes no INPUT, "
        "--scores or --claimreview");
  }
  const Database database = Database::Open(flags.db, /*read_only=*/true);
  const std::string output = flags.output.empty() ? "-" : flags.output;
  WriteFileAtomically(output, database.ExportDocument());
  if (output != "-") std::cerr << "wrote " << output << '\n';
  return 0;
}

int RunExport(const ExportFlags& flags) {
  if (!flags.db.empty()) return RunExportDocument(flags);
  if (!flags.claim_review) {
    throw CommandUsageError(
        "say what to export: --claimreview, or --db FILE for a store's claims document");
  }
  std::string error;
  if (!flags.claim_review_options.IsValid(&error)) throw CommandUsageError(error);
  const ScoresDocument scores = LoadScores(flags.source);
  const auto write = [&](std::ostream& out) {
    WriteClaimReviews(scores.text, scores.name, flags.claim_review_options, out);
  };
  const std::string output = flags.output.empty() ? "-" : flags.output;
  WriteFileAtomically(output, write);
  if (output != "-") std::cerr << "wrote " << output << '\n';
  return 0;
}

}  // namespace

Command AddExportCommand(CLI::App& app) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* command = app.add_subcommand(
      "export", "write the scores in another format (--claimreview), or a store's claims (--db)");
  AddScoresSourceFlags(command, &flags->source);
  command->add_flag("--claimreview", flags->claim_review,
                    "schema.org ClaimReview JSON-LD, one review per scored claim "
                    "(docs/report.md gives the rating scale)");
  ClaimReviewOptions& options = flags->claim_review_options;
  command->add_option("--db", flags->db,
                      "write the claims document of this store (credence ingest): the latest "
                      "revision of every article, with every outlet and predicate");
  command->add_option("--organization", options.organization,
                      "the organisation publishing the reviews (their author); required");
  command->add_option("--organization-url", options.organization_url,
                      "the organisation's web site");
  command->add_option("--review-url", options.review_url,
                      "the page that publishes the reviews (the HTML report); each review links "
                      "to its claim there; required");
  command->add_option("--date-published", options.date_published,
                      "the reviews' publication date, YYYY-MM-DD (default: left out)");
  command->add_option("-o,--output", flags->output,
                      "write the JSON-LD here (atomically); default: standard output");
  return {command, [flags] { return RunExport(*flags); }};
}

}  // namespace credence::cli

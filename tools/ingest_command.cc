// credence ingest: adds claims documents to a store (credence/database.h), each in its own
// transaction, checked as `credence validate` checks them.
#include <cstddef>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "credence/atomic_file.h"
#include "credence/database.h"
#include "credence/input.h"

namespace credence::cli {
namespace {

struct IngestFlags {
  std::string db;
  std::vector<std::string> inputs;
};

int RunIngest(const IngestFlags& flags) {
  Database database = Database::Open(flags.db);
  for (const std::string& input : flags.inputs) {
    const ReadOptions options;
    const std::string text = ReadInputBytes(input, options.max_input_bytes);
    const IngestResult result = database.Ingest(text, input, options);
    std::ostringstream report;
    for (const Diagnostic& warning : result.warnings) report << warning.ToString() << '\n';
    std::size_t counts[3] = {0, 0, 0};
    std::size_t claims = 0;
    for (const IngestedArticle& article : result.articles) {
      ++counts[static_cast<std::size_t>(article.outcome)];
      if (article.outcome != IngestOutcome::kUnchanged) claims += article.claim_ids.size();
    }
    report << (input == "-" ? "<stdin>" : input) << ": " << result.articles.size()
           << " articles: " << counts[0] << " new, " << counts[1] << " revised, " << counts[2]
           << " unchanged; " << claims << " claims written\n";
    WriteFileAtomically("-", report.str());
  }
  return 0;
}

}  // namespace

Command AddIngestCommand(CLI::App& app) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* command = app.add_subcommand(
      "ingest",
      "add claims documents to a store (created when missing): each document in one "
      "transaction, checked as validate checks it; the same article again changes nothing, a "
      "changed article becomes a new revision");
  command->add_option("--db", flags->db, "the store (an SQLite file)")->required();
  command
      ->add_option("INPUT", flags->inputs,
                   "claims documents, added in order ('-' for standard input); the first invalid "
                   "one stops the command, the ones before it stay added")
      ->required();
  return {command, [flags] { return RunIngest(*flags); }};
}

}  // namespace credence::cli

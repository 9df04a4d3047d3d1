// credence synth: writes a seeded synthetic data set with its answer key (docs/synth.md).

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "credence/synth.h"

namespace credence::cli {
namespace {

struct SynthFlags {
  SynthOptions options;
  std::string out_prefix;
  std::string format = "json";
};

int RunSynth(const SynthFlags& flags) {
  if (flags.format != "json" && flags.format != "jsonl") {
    throw CommandUsageError("unknown --format \"" + flags.format + "\"; known: json, jsonl");
  }
  const bool jsonl = flags.format == "jsonl";
  std::string error;
  if (!flags.options.IsValid(&error)) throw CommandUsageError(error);
  const SynthDataset data = GenerateSynth(flags.options);
  WriteSynthFiles(data, flags.out_prefix, jsonl);
  std::cerr << "wrote " << flags.out_prefix << (jsonl ? ".{claims.jsonl" : ".{claims.json")
            << ",answers.csv,truth.csv,truth.json}: " << data.sources.size() << " sources, "
            << data.items.size() << " items, " << data.claims.size() << " claims\n";
  return 0;
}

}  // namespace

Command AddSynthCommand(CLI::App& app) {
  auto flags = std::make_shared<SynthFlags>();
  SynthOptions& o = flags->options;
  CLI::App* synth = app.add_subcommand(
      "synth", "generate a seeded synthetic claims data set with known truth (docs/synth.md)");
  synth
      ->add_option(
          "--out-prefix", flags->out_prefix,
          "write PREFIX.claims.json (or .claims.jsonl), PREFIX.answers.csv, PREFIX.truth.csv and "
          "PREFIX.truth.json")
      ->required();
  synth
      ->add_option("--format", flags->format,
                   "claims format: json (a claims document) or jsonl (JSON Lines)")
      ->capture_default_str();
  synth->add_option("--seed", o.seed, "seed of the std::mt19937_64 generator")
      ->capture_default_str();
  synth->add_option("--sources", o.sources, "number of sources")->capture_default_str();
  synth->add_option("--min-reliability", o.min_reliability, "lowest drawn reliability")
      ->capture_default_str();
  synth->add_option("--max-reliability", o.max_reliability, "highest drawn reliability")
      ->capture_default_str();
  synth
      ->add_option("--reliabilities", o.reliabilities,
                   "fixed reliabilities, one per source (overrides --sources)")
      ->delimiter(',');
  synth->add_option("--claims", o.claims,
                    "total claims wanted: items = ceil(claims / answers-per-item)");
  synth->add_option("--items", o.items, "number of items (unless --claims is given)")
      ->capture_default_str();
  synth->add_option("--min-values", o.min_values, "fewest candidate values of an item")
      ->capture_default_str();
  synth->add_option("--max-values", o.max_values, "most candidate values of an item")
      ->capture_default_str();
  synth->add_option("--answers-per-item", o.answers_per_item, "distinct sources per item")
      ->capture_default_str();
  synth->add_option("--start-date", o.start_date, "first day of the window (ISO date)")
      ->capture_default_str();
  synth->add_option("--days", o.days, "length of the window in days")->capture_default_str();
  synth
      ->add_option("--mutable-fraction", o.mutable_fraction,
                   "fraction of items whose value changes over time")
      ->capture_default_str();
  synth
      ->add_option("--change-rate", o.change_rate,
                   "expected changes per year of a mutable item (Poisson)")
      ->capture_default_str();
  synth
      ->add_option("--changes-per-item", o.changes_per_item,
                   "exact number of changes of a mutable item (-1: Poisson from --change-rate)")
      ->capture_default_str();
  synth
      ->add_option("--min-change-gap", o.min_change_gap,
                   "least days between changes and from the window's edges")
      ->capture_default_str();
  synth
      ->add_option("--relay-fraction", o.relay_fraction,
                   "fraction of claims that copy another source's claim")
      ->capture_default_str();
  synth
      ->add_option("--relay-with-via", o.relay_with_via,
                   "fraction of relays that name their upstream in via")
      ->capture_default_str();
  synth
      ->add_option("--relay-max-shift", o.relay_max_shift,
                   "a relay's as_of is its upstream's +- up to this many days")
      ->capture_default_str();
  synth
      ->add_option("--stale-sources", o.stale_sources,
                   "sources that keep reporting an item's original value after a change")
      ->capture_default_str();
  synth
      ->add_option("--headline-fraction", o.headline_fraction,
                   "fraction of claims that are headlines (confidence 0.6, more often wrong)")
      ->capture_default_str();
  synth
      ->add_option("--headline-error-factor", o.headline_error_factor,
                   "a headline is wrong with probability min(1, factor * (1 - reliability))")
      ->capture_default_str();
  return {synth, [flags] { return RunSynth(*flags); }};
}

}  // namespace credence::cli

// credence synth: writes a seeded synthetic data set with its answer key (docs/synth.md).

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "credence/news_synth.h"
#include "credence/synth.h"

namespace credence::cli {
namespace {

struct SynthFlags {
  SynthOptions options;
  NewsSynthOptions news;
  std::string out_prefix;
  std::string format = "json";
  std::string regime = "classic";
};

const std::vector<std::string>& ClassicOnlyFlags() {
  static const std::vector<std::string> kFlags = {"--reliabilities",
                                                  "--claims",
                                                  "--items",
                                                  "--answers-per-item",
                                                  "--days",
                                                  "--mutable-fraction",
                                                  "--change-rate",
                                                  "--changes-per-item",
                                                  "--min-change-gap",
                                                  "--relay-with-via",
                                                  "--stale-sources",
                                                  "--headline-fraction",
                                                  "--headline-error-factor"};
  return kFlags;
}

const std::vector<std::string>& NewsOnlyFlags() {
  static const std::vector<std::string> kFlags = {
      "--propositions",   "--boolean-fraction",  "--static-fraction", "--min-groups",
      "--max-groups",     "--independent-sides", "--side-days",       "--stale-fraction",
      "--error-fraction", "--since-fraction",    "--since-share",     "--since-month-fraction",
      "--until-fraction", "--start-days",        "--declare-mutable"};
  return kFlags;
}

void RejectFlags(const CLI::App& app, const std::vector<std::string>& flags,
                 const std::string& regime) {
  for (const std::string& flag : flags) {
    if (app.count(flag) > 0) {
      std::string message = flag;
      message += " does not apply to --regime ";
      message += regime;
      throw CommandUsageError(message);
    }
  }
}

int RunClassic(const SynthFlags& flags) {
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

int RunNews(const SynthFlags& flags, const CLI::App& app) {
  if (flags.format != "json") throw CommandUsageError("--regime news writes --format json only");
  NewsSynthOptions news = flags.news;
  news.seed = flags.options.seed;
  // Flags that mean the same in both regimes: the news regime has its own defaults for them, so
  // a value is taken over only when the flag was given.
  const auto given = [&app](const char* flag) { return app.count(flag) > 0; };
  if (given("--min-reliability")) news.min_reliability = flags.options.min_reliability;
  if (given("--max-reliability")) news.max_reliability = flags.options.max_reliability;
  if (given("--sources")) news.sources = flags.options.sources;
  if (given("--min-values")) news.min_values = flags.options.min_values;
  if (given("--max-values")) news.max_values = flags.options.max_values;
  if (given("--relay-fraction")) news.relay_fraction = flags.options.relay_fraction;
  if (given("--relay-max-shift")) news.relay_max_shift = flags.options.relay_max_shift;
  if (given("--start-date")) news.start_date = flags.options.start_date;
  std::string error;
  if (!news.IsValid(&error)) throw CommandUsageError(error);
  const NewsSynthDataset data = GenerateNewsSynth(news);
  WriteNewsSynthFiles(data, flags.out_prefix);
  std::cerr << "wrote " << flags.out_prefix << ".{claims.json,truth.json}: " << data.sources.size()
            << " sources, " << data.propositions.size() << " propositions, " << data.claims.size()
            << " claims\n";
  return 0;
}

int RunSynth(const SynthFlags& flags, const CLI::App& app) {
  if (flags.format != "json" && flags.format != "jsonl") {
    throw CommandUsageError("unknown --format \"" + flags.format + "\"; known: json, jsonl");
  }
  if (flags.regime == "news") {
    RejectFlags(app, ClassicOnlyFlags(), "news");
    return RunNews(flags, app);
  }
  if (flags.regime != "classic") {
    throw CommandUsageError("unknown --regime \"" + flags.regime + "\"; known: classic, news");
  }
  RejectFlags(app, NewsOnlyFlags(), "classic");
  return RunClassic(flags);
}

void AddNewsSynthOptions(CLI::App& synth, NewsSynthOptions& n) {
  synth.add_option("--propositions", n.propositions, "news: number of propositions")
      ->capture_default_str();
  synth
      .add_option("--boolean-fraction", n.boolean_fraction,
                  "news: share of boolean propositions (the rest are categories)")
      ->capture_default_str();
  synth
      .add_option("--static-fraction", n.static_fraction,
                  "news: share of propositions that never change")
      ->capture_default_str();
  synth
      .add_option("--min-groups", n.min_groups,
                  "news: fewest independent evidence groups on a side of the change")
      ->capture_default_str();
  synth
      .add_option("--max-groups", n.max_groups,
                  "news: most independent evidence groups on a side of the change")
      ->capture_default_str();
  synth.add_flag("--independent-sides", n.independent_sides,
                 "news: draw each side's group count separately (default: the same count)");
  synth
      .add_option("--side-days", n.side_days,
                  "news: a side's original reports fall within this many days")
      ->capture_default_str();
  synth
      .add_option("--stale-fraction", n.stale_fraction,
                  "news: share of changing propositions with a stale repeat of the old value")
      ->capture_default_str();
  synth
      .add_option("--error-fraction", n.error_fraction,
                  "news: share of propositions with an extra report of a wrong value")
      ->capture_default_str();
  synth
      .add_option("--since-fraction", n.since_fraction,
                  "news: share of changing propositions whose new side states since")
      ->capture_default_str();
  synth
      .add_option("--since-share", n.since_share,
                  "news: in those, the chance that a further new-side group states since too")
      ->capture_default_str();
  synth
      .add_option("--since-month-fraction", n.since_month_fraction,
                  "news: share of since dates written as a month")
      ->capture_default_str();
  synth
      .add_option("--until-fraction", n.until_fraction,
                  "news: share of changing propositions whose last old-side group states until")
      ->capture_default_str();
  synth
      .add_option("--start-days", n.start_days,
                  "news: a proposition's first report falls within this many days of the start")
      ->capture_default_str();
  synth.add_flag("--declare-mutable", n.declare_mutable,
                 "news: predicates declare \"mutable\": true (default: left out, learned)");
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
  synth
      ->add_option("--regime", flags->regime,
                   "classic (items answered by many sources) or news (propositions with one "
                   "change, 1-3 evidence groups a side; docs/synth.md)")
      ->capture_default_str();
  synth->add_option("--seed", o.seed, "seed of the std::mt19937_64 generator")
      ->capture_default_str();
  synth->add_option("--sources", o.sources, "number of sources (news: 40)")->capture_default_str();
  synth->add_option("--min-reliability", o.min_reliability, "lowest drawn reliability (news: 0.55)")
      ->capture_default_str();
  synth
      ->add_option("--max-reliability", o.max_reliability, "highest drawn reliability (news: 0.95)")
      ->capture_default_str();
  synth
      ->add_option("--reliabilities", o.reliabilities,
                   "fixed reliabilities, one per source (overrides --sources)")
      ->delimiter(',');
  synth->add_option("--claims", o.claims,
                    "total claims wanted: items = ceil(claims / answers-per-item)");
  synth->add_option("--items", o.items, "number of items (unless --claims is given)")
      ->capture_default_str();
  synth
      ->add_option("--min-values", o.min_values,
                   "fewest candidate values of an item (news categories: 3)")
      ->capture_default_str();
  synth
      ->add_option("--max-values", o.max_values,
                   "most candidate values of an item (news categories: 4)")
      ->capture_default_str();
  synth->add_option("--answers-per-item", o.answers_per_item, "distinct sources per item")
      ->capture_default_str();
  synth
      ->add_option("--start-date", o.start_date,
                   "first day of the window (ISO date; news: 2023-01-01)")
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
      ->add_option(
          "--relay-fraction", o.relay_fraction,
          "fraction of claims that copy another source's claim (news: of groups relayed by "
          "1-2 outlets, 0.3)")
      ->capture_default_str();
  synth
      ->add_option("--relay-with-via", o.relay_with_via,
                   "fraction of relays that name their upstream in via")
      ->capture_default_str();
  synth
      ->add_option("--relay-max-shift", o.relay_max_shift,
                   "a relay's as_of is its upstream's +- up to this many days (news: 0 to +3)")
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
  AddNewsSynthOptions(*synth, flags->news);
  return {synth, [flags, synth] { return RunSynth(*flags, *synth); }};
}

}  // namespace credence::cli

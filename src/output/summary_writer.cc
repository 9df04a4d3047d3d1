// The terminal summary: what a person reads after a run. Plain text of at most kWidth columns,
// and deterministic (no timings), so that it can be compared between runs.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "credence/output.h"
#include "output/value_json.h"

namespace credence {
namespace {

constexpr std::size_t kWidth = 100;
constexpr std::size_t kMaxIdWidth = 22;

// Columns of UTF-8 text, counting code points (no wide characters are expected in ids).
std::size_t Columns(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The byte length of the first `columns` code points of `text`.
std::size_t PrefixBytes(std::string_view text, std::size_t columns) {
  std::size_t bytes = 0;
  std::size_t seen = 0;
  while (bytes < text.size()) {
    if ((static_cast<unsigned char>(text[bytes]) & 0xC0) != 0x80) {
      if (seen == columns) {
        break;
      }
      ++seen;
    }
    ++bytes;
  }
  return bytes;
}

// Cut to `columns`, marking the cut with an ellipsis, then padded on the right.
std::string FitLeft(std::string_view text, std::size_t columns) {
  std::string out;
  if (Columns(text) > columns) {
    out = std::string(text.substr(0, PrefixBytes(text, columns - 1))) + "\u2026";
  } else {
    out = std::string(text);
  }
  out.append(columns - Columns(out), ' ');
  return out;
}

std::string AlignRight(std::string_view text, std::size_t columns) {
  std::string out(text);
  const std::size_t width = Columns(text);
  if (width < columns) {
    out.insert(0, columns - width, ' ');
  }
  return out;
}

// Breaks `text` at spaces into lines of at most kWidth columns; continuation lines are indented
// by `indent` spaces. A word longer than a line is split.
std::string Wrap(std::string_view original, std::size_t indent) {
  // Line breaks and tabs inside ids or values would defeat the column count.
  std::string flat(original);
  std::replace_if(
      flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  const std::string_view text = flat;
  std::string out;
  std::string line;
  const auto flush = [&] {
    out += line;
    out += '\n';
    line.assign(indent, ' ');
  };
  bool line_has_word = false;
  std::size_t start = 0;
  // Leading spaces are the first line's own indent.
  while (start < text.size() && text[start] == ' ') {
    ++start;
  }
  line.assign(start, ' ');
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) {
      continue;
    }
    if (line_has_word && Columns(line) + 1 + Columns(word) > kWidth) {
      flush();
      line_has_word = false;
    }
    if (line_has_word) {
      line += ' ';
    }
    while (Columns(line) + Columns(word) > kWidth) {
      const std::size_t room = kWidth - Columns(line);
      const std::size_t bytes = PrefixBytes(word, room);
      line += word.substr(0, bytes);
      word.remove_prefix(bytes);
      flush();
    }
    line += word;
    line_has_word = true;
  }
  out += line;
  out += '\n';
  return out;
}

std::string Format(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string Probability(double p) { return "p=" + Format("%.3g", p); }

std::string Day(std::optional<std::int32_t> day) {
  return day ? FormatIsoDay(*day) : std::string("\u2026");
}

class SummaryWriter {
 public:
  SummaryWriter(const ClaimStore& store, const ScoreReport& report)
      : store_(store), report_(report) {}

  std::string Write() const {
    std::string out;
    Header(&out);
    out += '\n';
    Outlets(&out);
    out += '\n';
    Timelines(&out);
    out += '\n';
    Supersessions(&out);
    out += '\n';
    Attention(&out);
    return out;
  }

 private:
  std::string ClaimIds(std::span<const std::uint32_t> claims) const {
    std::string text;
    for (std::uint32_t c : claims) {
      text += (text.empty() ? "" : ", ") + store_.ClaimId(c);
    }
    return text.empty() ? "none" : text;
  }

  std::string PropositionName(std::size_t p, std::string_view separator) const {
    return store_.propositions()[p].subject + std::string(separator) + store_.PredicateOf(p).id;
  }

  void Header(std::string* out) const {
    SolverSummary summary = report_.summary;
    if (summary.algorithm.empty()) {
      summary.algorithm = report_.options.algorithm;
    }
    *out += Wrap(summary.BriefReport(), 2);
    *out += Wrap("input: " + (store_.source() == "-" ? "standard input" : store_.source()), 2);
    std::array<int, 4> by_status{};
    for (const ClaimScore& claim : report_.claims) {
      ++by_status[static_cast<std::size_t>(claim.status)];
    }
    *out += Wrap(std::to_string(store_.num_outlets()) + " outlets, " +
                     std::to_string(store_.num_claims()) + " claims, " +
                     std::to_string(store_.num_propositions()) + " propositions, " +
                     std::to_string(store_.num_groups()) + " evidence groups, " +
                     std::to_string(report_.num_components) + " components",
                 2);
    *out +=
        Wrap("claims: " + std::to_string(by_status[0]) + " confirmed, " +
                 std::to_string(by_status[1]) + " contradicted, " + std::to_string(by_status[2]) +
                 " superseded, " + std::to_string(by_status[3]) + " unresolved",
             2);
  }

  // Outlets, then the people and offices they cite, each ranked by the lower end of the 90%
  // interval: a source known from one claim has a wide interval and cannot top the list on the
  // prior alone. "answers" counts the claims whose content it answers for (its own first-hand
  // claims and others' relays of it), beside those it published.
  void Outlets(std::string* out) const {
    std::size_t id_width = 2;
    for (const OutletRecord& outlet : store_.outlets()) {
      id_width = std::max(id_width, Columns(outlet.id));
    }
    id_width = std::min(id_width, kMaxIdWidth);
    // NaN would break the ordering, so it sorts last instead.
    const auto key = [&](std::size_t s, int k) {
      const double r = k == 0 ? report_.outlets[s].interval[0] : report_.outlets[s].reliability;
      return std::isnan(r) ? -std::numeric_limits<double>::infinity() : r;
    };
    const auto row = [out](std::initializer_list<std::string> cells) {
      std::string line;
      for (const std::string& cell : cells) {
        if (!line.empty()) {
          line += "  ";
        }
        line += cell;
      }
      *out += line;
      *out += '\n';
    };
    for (const bool cited : {false, true}) {
      std::vector<std::size_t> order;
      for (std::size_t s = 0; s < store_.num_outlets(); ++s) {
        if ((store_.outlets()[s].kind != "outlet") == cited) order.push_back(s);
      }
      if (cited && order.empty()) continue;
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        for (int k = 0; k < 2; ++k) {
          if (key(a, k) != key(b, k)) return key(a, k) > key(b, k);
        }
        return store_.outlets()[a].id < store_.outlets()[b].id;
      });
      *out += cited ? "Cited sources by the lower end of their 90% interval\n"
                    : "Outlets by the lower end of their 90% interval\n";
      row({"rank", FitLeft("id", id_width), "reliability", FitLeft("90% interval", 14), "pub",
           "answers", "conf", "contra", "super", "unres"});
      for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const std::size_t s = order[rank];
        const OutletScore& score = report_.outlets[s];
        std::string interval = "[";
        interval += Format("%.3f", score.interval[0]);
        interval += ", ";
        interval += Format("%.3f", score.interval[1]);
        interval += "]";
        const auto& by_status = score.published_by_status;
        row({AlignRight(std::to_string(rank + 1), 4), FitLeft(store_.outlets()[s].id, id_width),
             AlignRight(Format("%.3f", score.reliability), 11), FitLeft(interval, 14),
             AlignRight(std::to_string(score.published), 3),
             AlignRight(std::to_string(score.as_content_source), 7),
             AlignRight(std::to_string(by_status[0]), 4),
             AlignRight(std::to_string(by_status[1]), 6),
             AlignRight(std::to_string(by_status[2]), 5),
             AlignRight(std::to_string(by_status[3]), 5)});
      }
      if (order.empty()) {
        *out += "  none\n";
      }
    }
  }

  void Timelines(std::string* out) const {
    *out += "Timelines\n";
    for (std::size_t p = 0; p < store_.num_propositions(); ++p) {
      *out += Wrap("  " + PropositionName(p, " \u2014 "), 4);
      if (report_.timelines[p].empty()) {
        *out += "    (no timeline)\n";
      }
      for (const TimelineEntry& entry : report_.timelines[p]) {
        *out +=
            Wrap("    [" + Day(entry.from) + " .. " + Day(entry.until) + ") " +
                     output_internal::StateText(store_, p, entry.state) + " (" +
                     Probability(entry.probability) + ", claims: " + ClaimIds(entry.claims) + ")",
                 6);
      }
    }
    if (store_.num_propositions() == 0) {
      *out += "  none\n";
    }
  }

  void Supersessions(std::string* out) const {
    *out += "Supersessions\n";
    for (const Supersession& event : report_.supersessions) {
      const std::size_t p = event.proposition;
      const std::string head = "  at " + FormatIsoDay(event.at) + " " + PropositionName(p, "/") +
                               ": " + output_internal::StateText(store_, p, event.from_state) +
                               " -> " + output_internal::StateText(store_, p, event.to_state) +
                               " (" + std::string(ToString(event.kind)) + ")";
      // The temporal model's posterior: whether, and when, the world changed.
      const std::string posterior =
          event.probability && event.interval
              ? "change probability " + Format("%.2f", *event.probability) + ", dated " +
                    FormatIsoDay((*event.interval)[0]) + " to " + FormatIsoDay((*event.interval)[1])
              : std::string();
      const std::string overtakes = "overtakes: " + ClaimIds(event.superseded_claims);
      const std::string established = "established by: " + ClaimIds(event.establishing_claims);
      std::string line = head;
      if (!posterior.empty()) {
        line += "; ";
        line += posterior;
      }
      line += "; ";
      line += overtakes;
      line += "; ";
      line += established;
      // Too long for one line: one clause per line reads better than a break mid-clause.
      if (Columns(line) <= kWidth) {
        *out += Wrap(line, 4);
      } else {
        *out += Wrap(head + ";", 4);
        if (!posterior.empty()) *out += Wrap("    " + posterior + ";", 6);
        *out += Wrap("    " + overtakes + ";", 6);
        *out += Wrap("    " + established, 6);
      }
    }
    if (report_.supersessions.empty()) {
      *out += "  none\n";
    }
  }

  void Attention(std::string* out) const {
    *out += "Claims needing attention\n";
    bool any = false;
    for (ClaimStatus status : {ClaimStatus::kContradicted, ClaimStatus::kUnresolved}) {
      for (std::size_t c = 0; c < store_.num_claims(); ++c) {
        const ClaimScore& score = report_.claims[c];
        if (score.status != status) {
          continue;
        }
        any = true;
        const ClaimRecord record = store_.claim_record(c);
        const std::string probability =
            score.probability ? Probability(*score.probability) : std::string("not scored");
        *out +=
            Wrap("  " + record.id + " [" + std::string(ToString(status)) + ", " + probability +
                     "] " + PropositionName(store_.claim_proposition()[c], "/") + " = " +
                     record.value.ToDisplay() + " as of " + FormatIsoDay(store_.claim_day()[c]) +
                     " (" + store_.outlets()[store_.claim_outlet()[c]].id + ")",
                 6);
        if (!score.reason.empty()) {
          *out += Wrap("      " + score.reason, 6);
        }
      }
    }
    if (!any) {
      *out += "  none\n";
    }
  }

  const ClaimStore& store_;
  const ScoreReport& report_;
};

}  // namespace

std::string FormatSummary(const ClaimStore& store, const ScoreReport& report) {
  output_internal::CheckReportMatches(store, report);
  return SummaryWriter(store, report).Write();
}

}  // namespace credence

#include "input/input_limits.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace credence::input_internal {

namespace {

// Stops a hostile document from producing millions of lines of diagnostics.
constexpr std::size_t kMaxLimitErrors = 20;

// Keys whose string values are ids or references to ids.
bool IsIdKey(std::string_view key) { return key == "id" || key == "outlet" || key == "predicate"; }

std::string Bytes(std::size_t n) { return std::to_string(n) + " bytes"; }

// One step of a JSON pointer: an object key (owned by the document) or an array index.
struct Component {
  const std::string* key = nullptr;
  std::size_t index = 0;
};

struct Frame {
  const Json* node;
  Component component;  // within the parent; unused for the root
  std::size_t depth;    // 0 for the root
  bool in_via;          // an element of a "via" array (a string there is a source id)
};

}  // namespace

bool CheckJsonLimits(const Json& root, const ReadOptions& options, DiagnosticSink* sink) {
  std::size_t errors = 0;
  std::size_t claims = 0;
  std::vector<Component> path;  // of the node being visited; pointers are built only for errors
  const auto pointer = [&path] {
    std::string text;
    for (const Component& component : path) {
      text = component.key != nullptr ? ChildPointer(text, *component.key)
                                      : ChildPointer(text, component.index);
    }
    return text;
  };
  const auto error = [&](std::string message) {
    if (errors++ < kMaxLimitErrors) sink->Error(pointer(), std::move(message));
  };
  const auto key_is = [&path](std::size_t from_end, std::string_view name) {
    return path.size() >= from_end && path[path.size() - from_end].key != nullptr &&
           *path[path.size() - from_end].key == name;
  };
  std::vector<Frame> stack;
  stack.push_back({&root, {}, 0, false});
  while (!stack.empty() && errors < kMaxLimitErrors) {
    const Frame frame = stack.back();
    stack.pop_back();
    path.resize(frame.depth > 0 ? frame.depth - 1 : 0);
    if (frame.depth > 0) path.push_back(frame.component);
    const Json& node = *frame.node;
    const std::string_view key =
        !path.empty() && path.back().key != nullptr ? std::string_view(*path.back().key) : "";
    if (node.is_string()) {
      const std::size_t size = node.get_ref<const std::string&>().size();
      if ((frame.in_via || IsIdKey(key)) && size > options.max_id_bytes) {
        error("an id of " + Bytes(size) + " is longer than the limit of " +
              Bytes(options.max_id_bytes));
      } else if (size > options.max_string_bytes) {
        error("a string of " + Bytes(size) + " is longer than the limit of " +
              Bytes(options.max_string_bytes));
      }
      continue;
    }
    if (!node.is_structured()) continue;
    if (frame.depth >= options.max_nesting_depth) {
      error("arrays and objects nested more than " + std::to_string(options.max_nesting_depth) +
            " deep, over the limit (a claims document needs fewer than 10)");
      continue;
    }
    const bool via = node.is_array() && key == "via";
    if (via && node.size() > options.max_via_entries) {
      error("a via chain of " + std::to_string(node.size()) +
            " sources is more than the limit of " + std::to_string(options.max_via_entries));
      continue;
    }
    if (node.is_array() && path.size() == 3 && key == "claims" && key_is(3, "articles")) {
      claims += node.size();
      if (claims > options.max_claims) {
        error("the document has more than the limit of " + std::to_string(options.max_claims) +
              " claims");
        return false;
      }
    }
    if (node.is_object()) {
      // Pushed last to first, so that errors come out in document order.
      for (auto item = node.rbegin(); item != node.rend(); ++item) {
        stack.push_back({&item.value(), {&item.key(), 0}, frame.depth + 1, false});
      }
    } else {
      for (std::size_t i = node.size(); i-- > 0;) {
        stack.push_back({&node[i], {nullptr, i}, frame.depth + 1, via});
      }
    }
  }
  return errors == 0;
}

void CheckValueLimits(const ClaimsDocument& document, const ReadOptions& options,
                      DiagnosticSink* sink) {
  std::unordered_map<std::string, std::unordered_set<std::string>> values;
  std::unordered_set<std::string> reported;
  for (const ArticleRecord& article : document.articles) {
    for (const ClaimRecord& claim : article.claims) {
      std::string proposition = claim.subject;
      proposition += '\0';
      proposition += claim.predicate;
      std::unordered_set<std::string>& distinct = values[proposition];
      distinct.insert(claim.value.ToDisplay());
      if (distinct.size() > options.max_values_per_proposition &&
          reported.insert(proposition).second) {
        sink->Error(claim.pointer + "/value",
                    "proposition " + Quote(claim.subject) + " " + Quote(claim.predicate) +
                        " has more than the limit of " +
                        std::to_string(options.max_values_per_proposition) + " distinct values");
      }
    }
  }
}

}  // namespace credence::input_internal

// A map from string ids to values without a heap object per id: the dense ids of a
// StringInterner index a value vector. Bulk loaders use it for the millions of claim and article
// ids of a file, where a std::unordered_map<std::string, T> costs a node and a string each.
#ifndef CREDENCE_UTIL_ID_INDEX_H_
#define CREDENCE_UTIL_ID_INDEX_H_

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "util/string_interner.h"

namespace credence::internal {

template <typename T>
class IdIndex {
 public:
  std::size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }

  // The value of `id`, or nullptr when absent.
  const T* Find(std::string_view id) const {
    const std::uint32_t slot = ids_.Find(id);
    return slot == StringInterner::kAbsent ? nullptr : &values_[slot];
  }

  // The value of `id` and false when present; else `value` stored for it and true.
  std::pair<T*, bool> Insert(std::string_view id, T value) {
    const std::size_t before = ids_.size();
    const std::uint32_t slot = ids_.Intern(id);
    if (ids_.size() == before) return {&values_[slot], false};
    values_.push_back(std::move(value));
    return {&values_.back(), true};
  }

  void Reserve(std::size_t count) { values_.reserve(count); }

 private:
  StringInterner ids_;
  std::vector<T> values_;
};

}  // namespace credence::internal

#endif  // CREDENCE_UTIL_ID_INDEX_H_

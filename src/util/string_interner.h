// Dense ids for strings: an open-addressing hash table over one character arena, so that bulk
// loaders intern millions of item and worker names without a heap object per name.
#ifndef CREDENCE_UTIL_STRING_INTERNER_H_
#define CREDENCE_UTIL_STRING_INTERNER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace credence::internal {

class StringInterner {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFU;

  std::size_t size() const { return offsets_.size() - 1; }

  std::string_view Get(std::uint32_t id) const {
    return {arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
  }

  // The id of `text`, added as the next id when new.
  std::uint32_t Intern(std::string_view text) {
    if ((size() + 1) * 2 > slots_.size()) Grow();
    const std::uint64_t hash = Hash(text);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.id == kAbsent) {
        slot = {static_cast<std::uint32_t>(hash), static_cast<std::uint32_t>(size())};
        arena_.append(text);
        offsets_.push_back(arena_.size());
        return slot.id;
      }
      if (slot.hash == static_cast<std::uint32_t>(hash) && Get(slot.id) == text) return slot.id;
    }
  }

  std::uint32_t Find(std::string_view text) const {
    if (slots_.empty()) return kAbsent;
    const std::uint64_t hash = Hash(text);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kAbsent) return kAbsent;
      if (slot.hash == static_cast<std::uint32_t>(hash) && Get(slot.id) == text) return slot.id;
    }
  }

  // Frees the hash table; Get() keeps working.
  void DropIndex() {
    slots_.clear();
    slots_.shrink_to_fit();
    mask_ = 0;
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t id = kAbsent;
  };

  // 64-bit FNV-1a over 8-byte words with a final avalanche: cheap for the short ids of data
  // sets, and well spread in the low bits the table uses.
  static std::uint64_t Hash(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL ^ text.size();
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, 8);
      h = (h ^ word) * 0x100000001b3ULL;
    }
    for (; i < text.size(); ++i) {
      h = (h ^ static_cast<unsigned char>(text[i])) * 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
  }

  void Grow() {
    const std::size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const Slot& slot : old) {
      if (slot.id == kAbsent) continue;
      // The slot keeps the hash's low 32 bits, all the table uses below 2^32 slots.
      std::size_t i = (mask_ >> 32) == 0 ? slot.hash & mask_ : Hash(Get(slot.id)) & mask_;
      while (slots_[i].id != kAbsent) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::string arena_;
  std::vector<std::size_t> offsets_{0};
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace credence::internal

#endif  // CREDENCE_UTIL_STRING_INTERNER_H_

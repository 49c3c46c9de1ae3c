#include "batch/shard.hpp"

#include <charconv>

#include "batch/hash.hpp"
#include "util/error.hpp"

namespace galley::batch {

bool Shard::contains(const std::string& key) const { return count <= 1 || fnv1a64(key) % count == index; }

Shard parse_shard(const std::string& spec) {
  const auto bad = [&]() { return Error("", "invalid --shard '" + spec + "' (expected K/N with 0 <= K < N, e.g. 0/4)"); };
  const auto slash = spec.find('/');
  if (slash == std::string::npos) throw bad();
  const auto number = [&](std::string_view s) {
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) throw bad();
    return v;
  };
  Shard s;
  s.index = number(std::string_view(spec).substr(0, slash));
  s.count = number(std::string_view(spec).substr(slash + 1));
  if (s.count == 0 || s.index >= s.count) throw bad();
  return s;
}

}  // namespace galley::batch

// --shard K/N: a deterministic, disjoint partition of a batch. An item belongs
// to shard K when FNV-1a-64(key) mod N == K, where the key is the item's
// output path relative to OUTDIR without extension ("sub/dir/article"), i.e.
// its path relative to its SRC root minus the extension. Inputs that would
// write the same outputs (a.txt and a.md) thus always fall in the same shard.
#pragma once

#include <cstdint>
#include <string>

namespace galley::batch {

struct Shard {
  std::uint64_t index = 0;  // K
  std::uint64_t count = 1;  // N; 1 = no sharding
  bool contains(const std::string& key) const;
  std::string str() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "K/N" with 0 <= K < N; throws galley::Error on anything else.
Shard parse_shard(const std::string& spec);

}  // namespace galley::batch

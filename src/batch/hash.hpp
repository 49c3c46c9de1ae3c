// Stable, dependency-free hashes for batch work: FNV-1a 64 for shard keys and
// a 128-bit content fingerprint (two independent 64-bit lanes) for incremental
// runs. Stable across runs, machines and builds: never std::hash.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace galley::batch {

std::uint64_t fnv1a64(std::string_view bytes);

// Streaming fingerprint of any number of byte strings. Each add() is length-
// prefixed, so ("ab","c") and ("a","bc") differ.
class Fingerprint {
 public:
  void add(std::string_view bytes);
  // Adds the file's bytes; throws galley::Error when it cannot be read.
  void add_file(const std::filesystem::path& path);
  std::string hex() const;  // 32 hex digits

 private:
  void feed(const char* data, std::size_t n);
  std::uint64_t a_ = 0xcbf29ce484222325ULL;  // FNV-1a 64
  std::uint64_t b_ = 0x9e3779b97f4a7c15ULL;  // multiply-xorshift lane
};

}  // namespace galley::batch

// The per-document limits of `galley batch`: --timeout SECONDS and
// --max-memory SIZE.
#pragma once

#include <cstdint>
#include <string>

namespace galley::batch {

constexpr const char* kDefaultTimeout = "600";
constexpr const char* kDefaultMaxMemory = "2G";

// "0.2", "600": seconds > 0. Throws galley::Error naming --timeout.
double parse_timeout(const std::string& text);

// "512M", "2G", "1.5G", "300000K", "1073741824" (bytes; K, M, G, T are
// powers of 1024; a trailing "B" or "iB" is accepted). At least 64M. Throws
// galley::Error naming --max-memory.
std::uint64_t parse_memory_size(const std::string& text);

}  // namespace galley::batch

#include "batch/hash.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "util/error.hpp"

namespace galley::batch {

namespace {
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
}

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

void Fingerprint::feed(const char* data, std::size_t n) {
  std::uint64_t a = a_, b = b_;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    a = (a ^ c) * kFnvPrime;
    b = (b + c + 1) * 0xff51afd7ed558ccdULL;
    b ^= b >> 29;
  }
  a_ = a;
  b_ = b;
}

void Fingerprint::add(std::string_view bytes) {
  const std::string len = std::to_string(bytes.size()) + ":";
  feed(len.data(), len.size());
  feed(bytes.data(), bytes.size());
}

void Fingerprint::add_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string(), std::string("cannot read: ") + std::strerror(errno));
  char buf[1 << 16];
  std::uint64_t total = 0;
  while (in) {
    in.read(buf, sizeof buf);
    const auto n = static_cast<std::size_t>(in.gcount());
    feed(buf, n);
    total += n;
  }
  if (in.bad()) throw Error(path.string(), "cannot read");
  const std::string len = ":" + std::to_string(total);
  feed(len.data(), len.size());
}

std::string Fingerprint::hex() const {
  static const char* digits = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[15 - i] = digits[(a_ >> (4 * i)) & 0xf];
    out[31 - i] = digits[(b_ >> (4 * i)) & 0xf];
  }
  return out;
}

}  // namespace galley::batch

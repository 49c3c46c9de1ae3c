#include "cover/png.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace galley::cover {

namespace {

void put32(std::string& out, std::uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                     static_cast<char>(v)};
  out.append(b, 4);
}

void chunk(std::string& out, const char* type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = out.size();
  out.append(type, 4);
  out += data;
  put32(out, static_cast<std::uint32_t>(
                 crc32(0, reinterpret_cast<const Bytef*>(out.data() + start), static_cast<uInt>(out.size() - start))));
}

// The fixed Huffman code of every literal/length symbol (RFC 1951 3.2.6),
// bit-reversed for the least-significant-first stream.
struct FixedCodes {
  std::uint16_t code[288] = {};
  std::uint8_t length[288] = {};
  constexpr FixedCodes() {
    for (int s = 0; s < 288; ++s) {
      const int len = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
      const int c = s < 144 ? 0x30 + s : s < 256 ? 0x190 + s - 144 : s < 280 ? s - 256 : 0xC0 + s - 280;
      int r = 0;
      for (int i = 0; i < len; ++i) r |= ((c >> i) & 1) << (len - 1 - i);
      code[s] = static_cast<std::uint16_t>(r);
      length[s] = static_cast<std::uint8_t>(len);
    }
  }
};

constexpr FixedCodes kFixedCodes;

// One fixed-Huffman deflate block of literals and runs: a byte repeated
// after itself becomes a match at distance 1 (the PNG rows of a cover are
// long runs of the background and of full coverage).
class RunDeflater {
 public:
  explicit RunDeflater(std::string& out) : out_(out) {
    bits(1, 1);  // the final block
    bits(1, 2);  // fixed Huffman
  }
  // Writes n bytes, each map[p[i]] (p[i] when map is nullptr), and updates
  // their Adler-32 run by run.
  void bytes(const std::uint8_t* p, std::size_t n, const std::uint8_t* map) {
    std::size_t i = 0;
    while (i < n) {
      const std::uint8_t b = p[i];
      if (i + 1 < n && p[i + 1] != b) {  // one byte (antialiased edges): the short way
        literal(map ? map[b] : b);
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      // Long runs eight bytes at a time.
      const std::uint64_t pattern = 0x0101010101010101ull * b;
      for (std::uint64_t word; j + 8 <= n; j += 8) {
        std::memcpy(&word, p + j, 8);
        if (word != pattern) break;
      }
      while (j < n && p[j] == b) ++j;
      run(map ? map[b] : b, j - i);
      i = j;
    }
    reduce();
  }
  // A run of n copies of value v.
  void run(std::uint8_t v, std::uint64_t n) {
    if (n == 0) return;
    // Adler-32 of the run: A grows by n * v, B by n * A + v * n(n+1)/2
    // (reduced modulo 65521 only when the sums grow large; n is at most a row).
    b_ += n * a_ + v * (n * (n + 1) / 2);
    a_ += v * n;
    reduce();
    if (!have_last_ || v != last_) {
      flush_run();
      symbol(v);
      last_ = v;
      have_last_ = true;
      --n;
    }
    pending_ += n;
  }
  // One byte of value v.
  void literal(std::uint8_t v) {
    a_ += v;
    b_ += a_;
    if (have_last_ && v == last_) {
      ++pending_;
      return;
    }
    flush_run();
    symbol(v);
    last_ = v;
    have_last_ = true;
  }
  void reduce() {  // the Adler sums modulo 65521 once they grow large (a row adds less than 2^40 to each)
    if (a_ > (1ull << 36) || b_ > (1ull << 62)) {
      a_ %= kBase;
      b_ %= kBase;
    }
  }
  std::uint32_t adler() const { return static_cast<std::uint32_t>((b_ % kBase) << 16 | (a_ % kBase)); }
  void finish() {
    flush_run();
    symbol(256);
    for (; used_ > 0; used_ -= std::min(used_, 8)) {
      out_ += static_cast<char>(acc_ & 0xFF);
      acc_ >>= 8;
    }
  }

 private:
  void bits(std::uint32_t value, int count) {
    acc_ |= static_cast<std::uint64_t>(value) << used_;
    used_ += count;
    if (used_ >= 32) {  // whole bytes out, four at a time
      const char b[4] = {static_cast<char>(acc_), static_cast<char>(acc_ >> 8), static_cast<char>(acc_ >> 16),
                         static_cast<char>(acc_ >> 24)};
      out_.append(b, 4);
      acc_ >>= 32;
      used_ -= 32;
    }
  }
  void symbol(int s) { bits(kFixedCodes.code[s], kFixedCodes.length[s]); }
  void match(int length) {  // 3..258 bytes at distance 1
    static const int base[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                               31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    static const int extra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    int i = 28;
    while (base[i] > length) --i;
    symbol(257 + i);
    if (extra[i] > 0) bits(static_cast<std::uint32_t>(length - base[i]), extra[i]);
    bits(0, 5);  // distance code 0: distance 1
  }
  void flush_run() {
    if (pending_ != 0) flush_pending();
  }
  void flush_pending() {
    while (pending_ >= 3) {
      int n = pending_ >= 258 ? 258 : static_cast<int>(pending_);
      if (pending_ > 258 && pending_ - 258 < 3) n = static_cast<int>(pending_ - 3);  // keep a last match of 3 or more
      match(n);
      pending_ -= static_cast<std::uint64_t>(n);
    }
    for (; pending_ > 0; --pending_) symbol(last_);
  }
  std::string& out_;
  std::uint64_t acc_ = 0;
  int used_ = 0;
  bool have_last_ = false;
  std::uint8_t last_ = 0;
  std::uint64_t pending_ = 0;  // copies of last_ not yet written
  static constexpr std::uint64_t kBase = 65521;
  std::uint64_t a_ = 1, b_ = 0;  // Adler-32 of the bytes so far
};

}  // namespace

std::string encode_png(const IndexedImage& image) {
  const auto w = static_cast<std::size_t>(image.width);
  std::string idat = "\x78\x01";  // zlib header: deflate, 32 KB window
  RunDeflater deflater(idat);
  for (int y = 0; y < image.height; ++y) {
    const ImageRow row = image.row(y);
    deflater.run(0, 1);  // filter: none (a background row is all zeros)
    if (row.bytes) deflater.bytes(row.bytes, w, row.map);
    else deflater.run(0, w);
  }
  deflater.finish();
  put32(idat, deflater.adler());

  std::string header;
  put32(header, static_cast<std::uint32_t>(image.width));
  put32(header, static_cast<std::uint32_t>(image.height));
  header += std::string("\x08\x03\x00\x00\x00", 5);  // 8 bits, indexed, deflate, adaptive filters, no interlace
  std::string palette;
  for (const auto& c : image.palette) palette.append(reinterpret_cast<const char*>(c.data()), 3);
  std::string png("\x89PNG\r\n\x1A\n", 8);
  chunk(png, "IHDR", header);
  chunk(png, "PLTE", palette);
  chunk(png, "IDAT", idat);
  chunk(png, "IEND", "");
  return png;
}

}  // namespace galley::cover

#include "cover/png.hpp"

#include <zlib.h>

#include <cstring>
#include <stdexcept>

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

// Deflate bits, least significant first (RFC 1951 3.1.1).
class BitWriter {
 public:
  explicit BitWriter(std::string& out) : out_(out) {}
  void bits(std::uint32_t value, int count) {
    acc_ |= static_cast<std::uint64_t>(value) << used_;
    used_ += count;
    while (used_ >= 8) {
      out_ += static_cast<char>(acc_ & 0xFF);
      acc_ >>= 8;
      used_ -= 8;
    }
  }
  // A Huffman code, sent most significant bit first.
  void code(std::uint32_t code, int length) {
    std::uint32_t reversed = 0;
    for (int i = 0; i < length; ++i) reversed |= ((code >> i) & 1u) << (length - 1 - i);
    bits(reversed, length);
  }
  void align() {
    if (used_ > 0) bits(0, 8 - used_);
  }

 private:
  std::string& out_;
  std::uint64_t acc_ = 0;
  int used_ = 0;
};

// Fixed-Huffman codes (RFC 1951 3.2.6).
void literal_or_length(BitWriter& w, int symbol) {
  if (symbol < 144) w.code(0x30 + symbol, 8);
  else if (symbol < 256) w.code(0x190 + symbol - 144, 9);
  else if (symbol < 280) w.code(symbol - 256, 7);
  else w.code(0xC0 + symbol - 280, 8);
}

// A match of `length` (3..258) bytes at distance 1.
void match_distance_1(BitWriter& w, int length) {
  static const int base[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                             31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
  static const int extra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
  int i = 28;
  while (base[i] > length) --i;
  literal_or_length(w, 257 + i);
  if (extra[i] > 0) w.bits(static_cast<std::uint32_t>(length - base[i]), extra[i]);
  w.code(0, 5);  // distance code 0: distance 1
}

// `count` zero bytes as one non-final fixed-Huffman block, then an empty
// stored block that brings the stream back to a byte boundary (where zlib's
// full-flushed output continues).
void zero_run(std::string& out, std::uint64_t count) {
  BitWriter w(out);
  w.bits(0, 1);  // not final
  w.bits(1, 2);  // fixed Huffman
  literal_or_length(w, 0);
  std::uint64_t left = count - 1;
  while (left > 0) {
    int n = left >= 258 ? 258 : static_cast<int>(left);
    if (left > 258 && left - 258 < 3) n = static_cast<int>(left - 3);  // leave a last match of at least 3
    if (n < 3) {
      for (int i = 0; i < n; ++i) literal_or_length(w, 0);
    } else {
      match_distance_1(w, n);
    }
    left -= static_cast<std::uint64_t>(n);
  }
  literal_or_length(w, 256);  // end of block
  w.bits(0, 1);
  w.bits(0, 2);  // stored
  w.align();
  out.append("\x00\x00\xFF\xFF", 4);
}

// Adler-32 after `count` more zero bytes: A is unchanged, B grows by count * A.
std::uint32_t adler_zeros(std::uint32_t adler, std::uint64_t count) {
  const std::uint64_t a = adler & 0xFFFF, b = adler >> 16;
  return static_cast<std::uint32_t>(((b + (count % 65521) * a) % 65521) << 16 | a);
}

struct Deflater {
  z_stream z{};
  Deflater() {
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::bad_alloc();
  }
  ~Deflater() { deflateEnd(&z); }
  void feed(std::string& out, const std::uint8_t* data, std::size_t size, int flush) {
    z.next_in = const_cast<Bytef*>(data);
    z.avail_in = static_cast<uInt>(size);
    unsigned char buf[16384];
    do {
      z.next_out = buf;
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(reinterpret_cast<char*>(buf), sizeof buf - z.avail_out);
    } while (z.avail_in > 0 || z.avail_out == 0);
  }
};

}  // namespace

std::string encode_png(const IndexedImage& image) {
  const auto w = static_cast<std::size_t>(image.width);
  std::string idat = "\x78\x01";  // zlib header: deflate, 32 KB window
  std::uint32_t adler = 1;
  Deflater deflater;
  std::vector<std::uint8_t> line(w + 1, 0);  // filter byte 0 (none) and the indices
  std::uint64_t zeros = 0;                   // blank rows not yet written
  bool pending = false;                      // rows given to zlib since its last flush
  auto flush_ink = [&] {
    if (!pending) return;
    deflater.feed(idat, nullptr, 0, Z_FULL_FLUSH);  // byte-aligned, nothing referenced across
    pending = false;
  };
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* row = image.row(y);
    if (!row) {
      zeros += w + 1;
      continue;
    }
    if (zeros > 0) {
      flush_ink();
      zero_run(idat, zeros);
      adler = adler_zeros(adler, zeros);
      zeros = 0;
    }
    std::memcpy(line.data() + 1, row, w);
    adler = static_cast<std::uint32_t>(adler32(adler, line.data(), static_cast<uInt>(line.size())));
    deflater.feed(idat, line.data(), line.size(), Z_NO_FLUSH);
    pending = true;
  }
  flush_ink();
  if (zeros > 0) {
    zero_run(idat, zeros);
    adler = adler_zeros(adler, zeros);
  }
  {
    BitWriter bw(idat);
    bw.bits(1, 1);  // final, fixed Huffman, just the end of block
    bw.bits(1, 2);
    literal_or_length(bw, 256);
    bw.align();
  }
  put32(idat, adler);

  std::string header;
  put32(header, static_cast<std::uint32_t>(image.width));
  put32(header, static_cast<std::uint32_t>(image.height));
  header += std::string("\x08\x03\x00\x00\x00", 5);  // 8 bits, indexed, deflate, no filter variants, no interlace
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

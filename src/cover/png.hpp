// A fast PNG encoder for pictures that are mostly background: 8-bit indexed
// colour, where whole rows of index 0 (the background) are written as a
// hand-made deflate block of long matches instead of going through zlib.
// A cover image of 1600 x 2560 px is then a few milliseconds to encode
// (Cairo's PNG writer takes half a second: libpng's adaptive filters and
// zlib's default level over all 4 MB).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace galley::cover {

// One row as the encoder reads it: `bytes` (width of them), each the
// palette index map[byte] (map: 256 entries) or the byte itself when map is
// nullptr; bytes nullptr: a row of index 0 only.
struct ImageRow {
  const std::uint8_t* bytes = nullptr;
  const std::uint8_t* map = nullptr;
};

struct IndexedImage {
  int width = 0, height = 0;
  std::vector<std::array<std::uint8_t, 3>> palette;  // 1 to 256 RGB entries; index 0 is the background
  std::function<ImageRow(int y)> row;
};

// The PNG file (no ancillary chunks: the bytes depend only on the picture).
std::string encode_png(const IndexedImage& image);

}  // namespace galley::cover

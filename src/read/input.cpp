#include "read/input.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "util/error.hpp"
#include "util/utf8.hpp"

namespace galley::read {

namespace {

std::string utf16_to_utf8(std::string_view bytes, bool little_endian, const std::string& name) {
  if (bytes.size() % 2) throw Error(name, "invalid UTF-16: odd number of bytes");
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> std::uint32_t {
    auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  for (std::size_t i = 2; i < bytes.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= bytes.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF)
        throw Error(name, "invalid UTF-16 at byte " + std::to_string(i) + ": unpaired surrogate");
      u = 0x10000 + ((u - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      throw Error(name, "invalid UTF-16 at byte " + std::to_string(i) + ": unpaired surrogate");
    }
    append_utf8(out, u);
  }
  return out;
}

// Length of the valid UTF-8 sequence at s[i], or 0 when invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t len;
  std::uint32_t min;
  if ((c & 0xE0) == 0xC0) len = 2, min = 0x80;
  else if ((c & 0xF0) == 0xE0) len = 3, min = 0x800;
  else if ((c & 0xF8) == 0xF0) len = 4, min = 0x10000;
  else return 0;
  if (i + len > s.size()) return 0;
  std::uint32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::string decode_text(std::string_view bytes, const std::string& name) {
  std::string text;
  std::size_t offset = 0;  // bytes of the file before `text` begins (BOM)
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
    text = utf16_to_utf8(bytes, true, name);
    offset = std::string::npos;
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
             static_cast<unsigned char>(bytes[1]) == 0xFF) {
    text = utf16_to_utf8(bytes, false, name);
    offset = std::string::npos;
  } else {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") offset = 3;
    text.assign(bytes.substr(offset == std::string::npos ? 0 : offset));
  }
  auto where = [&](std::size_t i) {
    // After UTF-16 decoding a byte offset of the file is not meaningful.
    return offset == std::string::npos ? "character data offset " + std::to_string(i)
                                       : "byte " + std::to_string(i + offset);
  };

  // One pass: reject NUL (binary), validate UTF-8, normalise line ends.
  std::string out;
  out.reserve(text.size());
  std::size_t controls = 0;
  bool any_visible = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80) {
      // Printable ASCII, most of any text: copied a run at a time.
      std::size_t j = i;
      for (; j < text.size(); ++j) {
        const auto d = static_cast<unsigned char>(text[j]);
        if (d < 0x20 || d >= 0x80) break;
        any_visible = any_visible || d != ' ';
      }
      out.append(text, i, j - i);
      i = j;
      continue;
    }
    if (c == 0) throw Error(name, "binary file, not text (NUL byte at " + where(i) + ")");
    if (c == '\r') {
      out += '\n';
      i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\f') {
      if (++controls > 8 && controls * 100 > i + 1)
        throw Error(name, "binary file, not text (control bytes near " + where(i) + ")");
      ++i;  // drop stray control characters: they are invalid in XML
      continue;
    }
    const std::size_t len = utf8_sequence(text, i);
    if (len == 0) throw Error(name, "invalid UTF-8 at " + where(i) + " (convert the file to UTF-8)");
    if (!(c == ' ' || c == '\n' || c == '\t' || c == '\f')) any_visible = true;
    out.append(text, i, len);
    i += len;
  }
  if (!any_visible) throw Error(name, bytes.empty() ? "empty input file" : "input has no text (only whitespace)");
  return out;
}

std::string load_text_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(name, "is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(name, std::string("cannot read: ") + std::strerror(errno));
  std::string bytes;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw Error(name, "cannot read: I/O error");
  return decode_text(bytes, name);
}

}  // namespace galley::read

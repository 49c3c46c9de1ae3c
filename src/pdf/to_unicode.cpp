#include "pdf/to_unicode.hpp"

#include <glib.h>
#include <zlib.h>

#include <cstdio>
#include <map>
#include <memory>

#include "pdf/edit.hpp"
#include "util/hex.hpp"

namespace galley::pdf {

namespace {


// A CMap destination "<hex>" holding one UTF-16BE code point, or nullopt.
std::optional<char32_t> single_code_point(std::string_view hex) {
  if (hex.size() != 4 && hex.size() != 8) return std::nullopt;
  std::uint32_t units[2] = {0, 0};
  for (std::size_t i = 0; i < hex.size(); ++i) {
    const int v = hex_value(hex[i]);
    if (v < 0) return std::nullopt;
    units[i / 4] = units[i / 4] * 16 + static_cast<std::uint32_t>(v);
  }
  const bool high = units[0] >= 0xD800 && units[0] < 0xDC00;
  if (hex.size() == 4) return high || (units[0] >= 0xDC00 && units[0] < 0xE000) ? std::nullopt : std::optional(units[0]);
  if (!high || units[1] < 0xDC00 || units[1] >= 0xE000) return std::nullopt;
  return 0x10000 + ((units[0] - 0xD800) << 10) + (units[1] - 0xDC00);
}

// Text as UTF-16BE hex digits, or empty for invalid UTF-8.
std::string utf16_hex(const std::string& text) {
  glong n = 0;
  std::unique_ptr<gunichar2, decltype(&g_free)> units(
      g_utf8_to_utf16(text.data(), static_cast<glong>(text.size()), nullptr, &n, nullptr), g_free);
  std::string out;
  if (!units) return out;
  char buf[8];
  for (glong i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%04x", static_cast<unsigned>(units.get()[i]));
    out += buf;
  }
  return out;
}

// "/BaseFont /ABCDEF+Name" -> "Name".
std::string_view base_font(std::string_view dict) {
  const std::size_t at = dict.find("/BaseFont /");
  if (at == std::string_view::npos) return {};
  std::size_t begin = at + 11, end = begin;
  while (end < dict.size() && dict[end] != ' ' && dict[end] != '\n' && dict[end] != '/' && dict[end] != '>') ++end;
  const std::string_view name = dict.substr(begin, end - begin);
  const std::size_t plus = name.find('+');
  return plus == 6 ? name.substr(7) : name;
}

}  // namespace

bool replaceable_code_point(char32_t cp) {
  return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 ||  // private use
         (cp >= 0xFB00 && cp <= 0xFDFF) ||                     // alphabetic and Arabic presentation forms A
         (cp >= 0xFE70 && cp <= 0xFEFE);                       // Arabic presentation forms B
}

std::optional<std::string> rewrite_cmap(std::string_view cmap, std::string_view font, const GlyphText& text) {
  std::string out;
  out.reserve(cmap.size() + 256);
  bool in_bfchar = false, changed = false;
  std::size_t i = 0;
  while (i < cmap.size()) {
    std::size_t end = cmap.find('\n', i);
    if (end == std::string_view::npos) end = cmap.size();
    const std::string_view line = cmap.substr(i, end - i);
    i = end + 1;
    std::string_view keep = line;
    if (line.ends_with("beginbfchar")) in_bfchar = true;
    if (line == "endbfchar") in_bfchar = false;
    // "<code> <destination>"
    const std::size_t gap = line.find("> <");
    if (in_bfchar && line.starts_with('<') && line.ends_with('>') && gap != std::string_view::npos) {
      const auto cp = single_code_point(line.substr(gap + 3, line.size() - gap - 4));
      if (cp && replaceable_code_point(*cp)) {
        const auto replacement = text(font, *cp);
        const std::string hex = replacement ? utf16_hex(*replacement) : std::string();
        if (!hex.empty()) {
          out.append(line.substr(0, gap + 3));
          out += hex;
          out += '>';
          keep = {};
          changed = true;
        }
      }
    }
    out.append(keep);
    if (end < cmap.size()) out += '\n';
  }
  if (!changed) return std::nullopt;
  return out;
}

int rewrite_to_unicode(PdfEdit& edit, const GlyphText& text) {
  // ToUnicode stream -> the font it belongs to.
  std::map<long, std::string> streams;
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    if (!object || object->find("/Type /Font") == std::string_view::npos) continue;
    const auto map = ref_after(*object, "/ToUnicode");
    const std::string_view font = base_font(*object);
    if (map && !font.empty()) streams.emplace(*map, std::string(font));
  }
  int changed = 0;
  for (const auto& [number, font] : streams) {
    const auto object = edit.object(number);
    const auto data = edit.stream_data(number);
    if (!object || !data) continue;
    // Flate-compressed, or (Cairo's content left uncompressed, prepress.hpp)
    // plain; written back the same way.
    const bool flate = object->find("/Filter /FlateDecode") != std::string_view::npos;
    if (!flate && object->find("/Filter") != std::string_view::npos) continue;
    const auto cmap = flate ? inflate(*data) : std::optional<std::string>(std::string(*data));
    if (!cmap) continue;
    const auto rewritten = rewrite_cmap(*cmap, font, text);
    if (!rewritten) continue;
    const std::string packed = flate ? deflate(*rewritten) : *rewritten;
    std::string body = std::to_string(number) + " 0 obj\n<< /Length " + std::to_string(packed.size()) +
                       (flate ? "\n   /Filter /FlateDecode\n>>\nstream\n" : "\n>>\nstream\n");
    body += packed;
    body += "\nendstream\nendobj";
    edit.replace(number, std::move(body));
    ++changed;
  }
  return changed;
}

std::optional<std::string> inflate(std::string_view data) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    status = ::inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (status == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

std::string deflate(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
            static_cast<uLong>(data.size()), Z_DEFAULT_COMPRESSION);
  out.resize(size);
  return out;
}

}  // namespace galley::pdf

#include "util/image_type.hpp"

namespace galley {

namespace {

bool starts(std::string_view s, std::size_t at, std::string_view what) { return s.substr(at, what.size()) == what; }

ImageType svg_root(std::string_view head) {
  std::size_t i = starts(head, 0, "\xEF\xBB\xBF") ? 3 : 0;
  while (i < head.size()) {
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
    if (i >= head.size() || head[i] != '<') return ImageType::Unknown;
    if (starts(head, i, "<!--")) {
      const std::size_t end = head.find("-->", i + 4);
      if (end == std::string_view::npos) return ImageType::Unknown;
      i = end + 3;
    } else if (starts(head, i, "<?") || starts(head, i, "<!")) {
      const std::size_t end = head.find('>', i + 2);
      if (end == std::string_view::npos) return ImageType::Unknown;
      i = end + 1;
    } else {
      if (!starts(head, i, "<svg") || i + 4 >= head.size()) return ImageType::Unknown;
      const char next = head[i + 4];
      const bool svg = next == ' ' || next == '>' || next == '\n' || next == '\t' || next == '\r' || next == ':';
      return svg ? ImageType::Svg : ImageType::Unknown;
    }
  }
  return ImageType::Unknown;
}

}  // namespace

ImageType image_type_of(std::string_view head) {
  if (starts(head, 0, "\x89PNG\r\n\x1a\n")) return ImageType::Png;
  if (starts(head, 0, "\xFF\xD8\xFF")) return ImageType::Jpeg;
  if (starts(head, 0, "GIF87a") || starts(head, 0, "GIF89a")) return ImageType::Gif;
  return svg_root(head.substr(0, 4096));
}

std::string_view media_type_of(ImageType type) {
  switch (type) {
    case ImageType::Png: return "image/png";
    case ImageType::Jpeg: return "image/jpeg";
    case ImageType::Gif: return "image/gif";
    case ImageType::Svg: return "image/svg+xml";
    case ImageType::Unknown: break;
  }
  return "";
}

}  // namespace galley

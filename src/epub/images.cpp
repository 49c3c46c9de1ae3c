#include "epub/images.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace galley::epub {

std::string sniff_image_type(const std::string& d) {
  if (d.size() >= 8 && d.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) return "image/png";
  if (d.size() >= 3 && static_cast<unsigned char>(d[0]) == 0xFF && static_cast<unsigned char>(d[1]) == 0xD8 &&
      static_cast<unsigned char>(d[2]) == 0xFF)
    return "image/jpeg";
  if (d.size() >= 6 && (d.compare(0, 6, "GIF87a") == 0 || d.compare(0, 6, "GIF89a") == 0)) return "image/gif";
  const std::string head = d.substr(0, 4096);
  if (head.find("<svg") != std::string::npos) return "image/svg+xml";
  return "";
}

const ImageItem* ImageStore::get(const std::string& path) { return get_as(path, ""); }

const ImageItem* ImageStore::get_as(const std::string& path, const std::string& id) {
  if (path.empty()) return nullptr;
  if (auto it = index_.find(path); it != index_.end())
    return it->second < 0 ? nullptr : &items_[static_cast<std::size_t>(it->second)];
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  if (in) ss << in.rdbuf();
  std::string data = ss.str();
  const std::string type = in ? sniff_image_type(data) : "";
  if (!in || data.empty() || type.empty()) {
    diag_.warn(!in ? "image '" + path + "' cannot be read; its alt text is shown instead"
                   : "image '" + path + "' is not PNG, JPEG, GIF or SVG; its alt text is shown instead");
    index_[path] = -1;
    return nullptr;
  }
  const char* ext = type == "image/png" ? "png" : type == "image/jpeg" ? "jpg" : type == "image/gif" ? "gif" : "svg";
  char name[32];
  std::snprintf(name, sizeof name, "img-%03zu", items_.size() + 1);
  ImageItem item;
  item.id = id.empty() ? name : id;
  item.href = std::string("images/") + name + "." + ext;
  item.media_type = type;
  item.data = std::move(data);
  item.compressed = type != "image/svg+xml";
  index_[path] = static_cast<int>(items_.size());
  items_.push_back(std::move(item));
  return &items_.back();
}

}  // namespace galley::epub

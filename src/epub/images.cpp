#include "epub/images.hpp"

#include "epub/svg_sanitize.hpp"
#include "util/image_type.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace galley::epub {

const ImageItem* ImageStore::get(const std::string& path) { return get_as(path, ""); }

const ImageItem* ImageStore::get_as(const std::string& path, const std::string& id) {
  if (path.empty()) return nullptr;
  if (auto it = index_.find(path); it != index_.end())
    return it->second < 0 ? nullptr : &items_[static_cast<std::size_t>(it->second)];
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  if (in) ss << in.rdbuf();
  if (!in) {
    diag_.warn("image '" + path + "' cannot be read; its alt text is shown instead");
    index_[path] = -1;
    return nullptr;
  }
  return add_data(path, ss.str(), id);
}

const ImageItem* ImageStore::add_data(const std::string& path, std::string data, const std::string& id) {
  if (auto it = index_.find(path); it != index_.end())
    return it->second < 0 ? nullptr : &items_[static_cast<std::size_t>(it->second)];
  const ImageType kind = image_type_of(data);
  if (data.empty() || kind == ImageType::Unknown) {
    diag_.warn("image '" + path + "' is not PNG, JPEG, GIF or SVG; its alt text is shown instead");
    index_[path] = -1;
    return nullptr;
  }
  if (kind == ImageType::Svg) {
    std::string why;
    auto safe = sanitize_svg(data, why);
    if (!safe) {
      diag_.warn("SVG image '" + path + "' left out: " + why + "; its alt text is shown instead");
      index_[path] = -1;
      return nullptr;
    }
    if (safe->removed > 0)
      diag_.warn("SVG image '" + path + "': " + std::to_string(safe->removed) +
                 " scripts, event handlers or external references removed");
    data = std::move(safe->data);
  }
  const std::string type(media_type_of(kind));
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

// Local images embedded in the EPUB: read once, typed from their bytes,
// stored under images/ with names that depend only on the order of first use.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "util/error.hpp"

namespace galley::epub {

struct ImageItem {
  std::string id;          // manifest id
  std::string href;        // relative to the package document, e.g. images/img-001.png
  std::string media_type;  // image/png, image/jpeg, image/gif, image/svg+xml
  std::string data;
  bool compressed = true;  // PNG/JPEG/GIF: store without deflate
};

class ImageStore {
 public:
  explicit ImageStore(Diagnostics& diag) : diag_(diag) {}
  // The embedded item for a local image, or nullptr when there is no usable
  // file (no path, unreadable, unknown format); a warning is given once per path.
  const ImageItem* get(const std::string& path);
  // Adds an image under a given manifest id (the cover); nullptr when unusable.
  const ImageItem* get_as(const std::string& path, const std::string& id);
  // Adds an image from its bytes (key: a name no path can have); nullptr when unusable.
  const ImageItem* add_data(const std::string& key, std::string data, const std::string& id);
  const std::vector<ImageItem>& items() const { return items_; }

 private:
  Diagnostics& diag_;
  std::vector<ImageItem> items_;
  std::map<std::string, int> index_;  // path -> position in items_, -1 when unusable
};

}  // namespace galley::epub

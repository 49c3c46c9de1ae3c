// Image references in Markdown: local files are resolved against the input's
// folder and must stay inside it; nothing is ever fetched from the network.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "doc/document.hpp"
#include "util/error.hpp"
#include "util/image_type.hpp"

namespace galley::read::markdown {

// The type of an image file from its first bytes (and, for SVG, its first
// few kilobytes of text); Unknown when unreadable or unsupported.
ImageType sniff_image_type(const std::filesystem::path& file);

class ImageResolver {
 public:
  ImageResolver(std::filesystem::path base_dir, Diagnostics& diag);

  // An Image for `src`; path is set (absolute, canonical) only for a
  // readable PNG, JPEG, GIF or SVG inside base_dir. Every refusal is a
  // warning naming the source (once per distinct source).
  doc::Image resolve(const std::string& src, const std::string& alt, const std::string& title, int line);

  // The absolute path of a local image (e.g. a cover), or "" with a warning.
  std::string resolve_path(const std::string& src, int line, const std::string& what);

 private:
  enum class Outcome { Ok, Empty, Remote, DataUri, Scheme, Missing, Outside, NotFile, Unsupported };
  Outcome locate(const std::string& src, std::filesystem::path& out) const;
  void warn(Outcome outcome, const std::string& src, int line, const std::string& what, const std::string& shown);

  std::filesystem::path base_dir_;
  std::filesystem::path canonical_base_;
  bool base_ok_ = false;
  Diagnostics& diag_;
  std::set<std::string> warned_;
};

}  // namespace galley::read::markdown

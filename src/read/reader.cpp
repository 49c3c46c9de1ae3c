#include "read/reader.hpp"

#include <algorithm>
#include <cctype>

namespace galley::read {

Format format_for(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml")
    throw Error(path.string(), "HTML input is not read yet: convert it to Markdown first (e.g. pandoc -t gfm), "
                               "or give --from text to read its text as plain text");
  return (ext == ".md" || ext == ".markdown") ? Format::Markdown : Format::Text;
}

std::optional<Format> parse_format(const std::string& name) {
  if (name == "markdown" || name == "md") return Format::Markdown;
  if (name == "text" || name == "txt" || name == "plain") return Format::Text;
  return std::nullopt;
}

}  // namespace galley::read

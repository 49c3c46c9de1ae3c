#include "doc/metadata_file.hpp"

#include <yaml-cpp/yaml.h>

#include "util/error.hpp"

namespace galley::doc {

namespace {

std::vector<std::string> string_list(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node.IsSequence()) {
    for (const auto& item : node)
      if (item.IsScalar()) out.push_back(item.as<std::string>());
      else if (item.IsMap() && item["name"]) out.push_back(item["name"].as<std::string>());
  } else if (node.IsScalar()) {
    // "a, b" for subjects/keywords; authors separated by " and " or ";" stay whole.
    out.push_back(node.as<std::string>());
  }
  return out;
}

std::string scalar(const YAML::Node& node) { return node.IsScalar() ? node.as<std::string>() : std::string(); }

}  // namespace

Metadata parse_metadata_yaml(const std::string& text, const std::string& name, int first_line,
                             const std::filesystem::path& base_dir) {
  Metadata m;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw Error(name, "malformed metadata: " + e.msg, first_line + (e.mark.line >= 0 ? e.mark.line : 0));
  }
  if (root.IsNull()) return m;
  if (!root.IsMap()) throw Error(name, "metadata must be a mapping of keys to values", first_line);
  try {
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "title") m.title = scalar(v);
      else if (key == "subtitle") m.subtitle = scalar(v);
      else if (key == "author" || key == "authors" || key == "creator") m.authors = string_list(v);
      else if (key == "lang" || key == "language") m.language = normalize_language_tag(scalar(v));
      else if (key == "date") m.date = scalar(v);
      else if (key == "publisher") m.publisher = scalar(v);
      else if (key == "rights" || key == "license") m.rights = scalar(v);
      else if (key == "identifier") m.identifier = scalar(v);
      else if (key == "description" || key == "abstract") m.description = scalar(v);
      else if (key == "subject" || key == "subjects" || key == "keywords" || key == "tags") {
        for (auto& s : string_list(v)) m.subjects.push_back(s);
      } else if (key == "source") m.source = scalar(v);
      else if (key == "cover" || key == "cover-image") m.cover = scalar(v);
    }
  } catch (const YAML::Exception& e) {
    throw Error(name, "malformed metadata: " + e.msg, first_line + (e.mark.line >= 0 ? e.mark.line : 0));
  }
  if (!m.cover.empty() && !base_dir.empty() && std::filesystem::path(m.cover).is_relative())
    m.cover = (base_dir / m.cover).lexically_normal().string();
  if (!m.language.empty() && !is_valid_language_tag(m.language))
    throw Error(name, "invalid language tag '" + m.language + "' (expected BCP 47, e.g. en or pt-BR)", first_line);
  return m;
}

}  // namespace galley::doc

#include "batch/discovery.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "doc/metadata_file.hpp"
#include "util/error.hpp"

namespace galley::batch {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_hidden(const fs::path& p) {
  const auto name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// A relative path that stays inside its base ("a/b", not "../a" or "/a").
bool is_inside_relative(const fs::path& p) {
  if (p.empty() || p.is_absolute() || p.has_root_name()) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

std::string strip_output_extension(std::string stem) {
  for (const char* ext : {".epub", ".pdf"}) {
    const std::string e = ext;
    if (stem.size() > e.size() && lower(stem.substr(stem.size() - e.size())) == e) return stem.substr(0, stem.size() - e.size());
  }
  return stem;
}

bool walk_folder(const fs::path& root, const fs::path& dir, const ItemSink& sink) {
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(*it);
  if (ec) {
    Item bad;
    bad.input = dir;
    bad.rel_stem = relative_stem(dir.lexically_relative(root)) + "/";
    bad.error = dir.string() + ": cannot read folder: " + ec.message();
    return sink(std::move(bad));
  }
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& e : entries) {
    if (is_hidden(e.path())) continue;
    std::error_code sec;
    const auto link_status = e.symlink_status(sec);
    if (fs::is_directory(link_status)) {
      if (!walk_folder(root, e.path(), sink)) return false;
      continue;
    }
    if (fs::is_symlink(link_status) && fs::is_directory(e.status(sec))) continue;  // no loops
    if (!is_input_file_name(e.path())) continue;
    Item item;
    item.input = e.path();
    item.rel_stem = relative_stem(e.path().lexically_relative(root));
    if (!sink(std::move(item))) return false;
  }
  return true;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool read_manifest(const fs::path& manifest, const ItemSink& sink) {
  std::ifstream in(manifest);
  if (!in) {
    Item bad;
    bad.input = manifest;
    bad.rel_stem = "@" + manifest.generic_string();
    bad.error = manifest.string() + ": cannot read manifest";
    return sink(std::move(bad));
  }
  std::string line;
  int number = 0;
  // Strip a UTF-8 BOM on the first line.
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (!sink(parse_manifest_line(line, manifest.string() + ":" + std::to_string(number),
                                  fs::absolute(manifest).parent_path())))
      return false;
  }
  return true;
}

}  // namespace

bool is_input_file_name(const fs::path& path) {
  const auto ext = lower(path.extension().string());
  return ext == ".txt" || ext == ".md" || ext == ".markdown";
}

std::string relative_stem(const fs::path& relative) {
  const fs::path norm = relative.lexically_normal();
  const fs::path parent = norm.parent_path();
  return (parent.empty() ? fs::path(norm.stem()) : parent / norm.stem()).generic_string();
}

std::string stem_for_listed_input(const fs::path& input) {
  const fs::path norm = input.lexically_normal();
  if (is_inside_relative(norm) && norm.has_filename()) return relative_stem(norm);
  return input.stem().generic_string();
}

Item parse_manifest_line(const std::string& line, const std::string& where, const fs::path& manifest_dir) {
  Item item;
  if (line[0] != '{') {
    item.input = line;
    item.rel_stem = stem_for_listed_input(item.input);
    return item;
  }
  const auto fail = [&](const std::string& what) {
    item.input = where;
    item.rel_stem = "@" + where;
    item.error = where + ": " + what;
    return item;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    return fail(std::string("malformed JSON manifest line: ") + e.what());
  }
  if (!j.is_object() || !j.contains("input") || !j["input"].is_string() || j["input"].get<std::string>().empty())
    return fail("a JSON manifest line needs \"input\": \"PATH\"");
  item.input = j["input"].get<std::string>();
  item.rel_stem = stem_for_listed_input(item.input);
  if (j.contains("output")) {
    if (!j["output"].is_string()) return fail("\"output\" must be a string");
    const fs::path out = fs::path(strip_output_extension(j["output"].get<std::string>())).lexically_normal();
    if (!is_inside_relative(out) || !out.has_filename() || out.filename() == "." || out.filename() == "..")
      return fail("\"output\" must be a relative path inside the output folder, ending in a file name");
    item.rel_stem = out.generic_string();
  }
  if (j.contains("from")) {
    item.from = j["from"].is_string() ? read::parse_format(j["from"].get<std::string>()) : std::nullopt;
    if (!item.from) return fail("\"from\" must be \"text\" or \"markdown\"");
  }
  // The metadata keys are those of --metadata files: reuse that parser (JSON
  // is YAML); it ignores "input", "output" and "from".
  try {
    item.metadata = doc::parse_metadata_yaml(j.dump(), where, 1, manifest_dir);
  } catch (const Error& e) {
    return fail(e.detail());
  }
  return item;
}

std::vector<Source> resolve_sources(const std::vector<std::string>& specs) {
  std::vector<Source> out;
  for (const auto& spec : specs) {
    std::error_code ec;
    if (!spec.empty() && spec[0] == '@') {
      const fs::path p = spec.substr(1);
      if (!fs::is_regular_file(p, ec)) throw Error(p.string(), "manifest not found");
      std::ifstream probe(p);
      if (!probe) throw Error(p.string(), "cannot read manifest");
      out.push_back({Source::Kind::Manifest, p});
      continue;
    }
    const fs::path p = spec;
    const auto st = fs::status(p, ec);
    if (fs::is_directory(st)) out.push_back({Source::Kind::Folder, p});
    else if (fs::exists(st)) out.push_back({Source::Kind::File, p});
    else throw Error(p.string(), "no such file or folder");
  }
  return out;
}

bool discover(const std::vector<Source>& sources, const ItemSink& sink) {
  for (const auto& s : sources) {
    switch (s.kind) {
      case Source::Kind::File: {
        Item item;
        item.input = s.path;
        item.rel_stem = fs::path(s.path).filename().replace_extension().generic_string();
        if (!sink(std::move(item))) return false;
        break;
      }
      case Source::Kind::Folder:
        if (!walk_folder(s.path, s.path, sink)) return false;
        break;
      case Source::Kind::Manifest:
        if (!read_manifest(s.path, sink)) return false;
        break;
    }
  }
  return true;
}

}  // namespace galley::batch

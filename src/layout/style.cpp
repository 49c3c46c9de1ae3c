#include "layout/style.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <tuple>
#include <system_error>
#include <vector>

#include "util/error.hpp"

namespace galley::layout {

namespace {

std::string lower_trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string out = s.substr(b, e - b);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Parses a number at the start of s; returns chars consumed (0 if none).
std::size_t parse_number(const std::string& s, double& value) {
  std::size_t i = 0;
  bool digits = false;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
    digits = digits || s[i] != '.';
    ++i;
  }
  if (!digits) return 0;
  value = std::strtod(s.substr(0, i).c_str(), nullptr);
  return i;
}

double unit_factor(const std::string& unit, bool& ok) {
  ok = true;
  if (unit.empty() || unit == "pt") return 1.0;
  if (unit == "mm") return 72.0 / 25.4;
  if (unit == "cm") return 72.0 / 2.54;
  if (unit == "in") return 72.0;
  if (unit == "pc") return 12.0;
  if (unit == "px") return 0.75;
  ok = false;
  return 0;
}

}  // namespace

double parse_length(const std::string& text) {
  const std::string s = lower_trim(text);
  double v = 0;
  const std::size_t n = parse_number(s, v);
  bool ok = n > 0;
  const double f = ok ? unit_factor(lower_trim(s.substr(n)), ok) : 0;
  if (!ok || !(v >= 0) || v > 100000) throw Error("", "invalid length '" + text + "' (expected e.g. 20mm, 0.75in, 12pt)");
  return v * f;
}

void parse_page_size(const std::string& text, double& width, double& height) {
  const std::string s = lower_trim(text);
  struct Named { const char* name; double w, h; };
  static const Named named[] = {{"a4", 595.276, 841.890}, {"a5", 419.528, 595.276}, {"a6", 297.638, 419.528},
                                {"b5", 498.898, 708.661}, {"letter", 612, 792}, {"legal", 612, 1008}};
  for (const auto& n : named)
    if (s == n.name) {
      width = n.w;
      height = n.h;
      return;
    }
  const auto x = s.find('x');
  const std::string bad = "invalid page size '" + text + "' (expected a4, a5, letter, 6x9in or WxH with mm, in or pt)";
  if (x == std::string::npos) throw Error("", bad);
  std::string ws = lower_trim(s.substr(0, x)), hs = lower_trim(s.substr(x + 1));
  // A unit given only after the height applies to both: 6x9in.
  double hv = 0;
  const std::size_t hn = parse_number(hs, hv);
  if (hn == 0) throw Error("", bad);
  const std::string hunit = lower_trim(hs.substr(hn));
  double wv = 0;
  const std::size_t wn = parse_number(ws, wv);
  if (wn == 0) throw Error("", bad);
  if (wn == ws.size()) ws += hunit;
  try {
    width = parse_length(ws);
    height = parse_length(hs);
  } catch (const Error&) {
    throw Error("", bad);
  }
  if (width < 72 || height < 72 || width > 14400 || height > 14400)
    throw Error("", "page size '" + text + "' out of range (1 in to 200 in)");
}

Margins parse_margins(const std::string& text) {
  std::vector<double> v;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    v.push_back(parse_length(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  Margins m;
  if (v.size() == 1) m = {v[0], v[0], v[0], v[0]};
  else if (v.size() == 2) m = {v[0], v[1], v[0], v[1]};
  else if (v.size() == 3) m = {v[0], v[1], v[2], v[1]};
  else if (v.size() == 4) m = {v[0], v[1], v[2], v[3]};
  else throw Error("", "invalid margin '" + text + "' (expected TOP,SIDES or TOP,OUTER,BOTTOM,INNER)");
  return m;
}

double parse_font_size(const std::string& text) {
  double v = 0;
  try {
    v = parse_length(text);
  } catch (const Error&) {
    throw Error("", "invalid font size '" + text + "' (expected points, e.g. 10.5pt)");
  }
  if (v < 4 || v > 72) throw Error("", "font size '" + text + "' out of range (4pt to 72pt)");
  return v;
}

double parse_caliper(const std::string& text) {
  const std::string s = lower_trim(text);
  constexpr double mm = 72.0 / 25.4;
  if (s == "white") return 0.0572 * mm;
  if (s == "cream") return 0.0635 * mm;
  if (s == "coated") return 0.0500 * mm;
  double v = 0;
  try {
    v = parse_length(s);
  } catch (const Error&) {
    v = -1;
  }
  if (!(v >= 0.01 * mm && v <= 1.0 * mm))
    throw Error("", "invalid paper caliper '" + text + "' (expected white, cream, coated or a length per page, e.g. 0.06mm)");
  return v;
}

Rgb parse_colour(const std::string& text) {
  const std::string s = lower_trim(text);
  const bool ok = (s.size() == 7 || s.size() == 4) && s[0] == '#' &&
                  s.find_first_not_of("0123456789abcdef", 1) == std::string::npos;
  if (!ok) throw Error("", "invalid colour '" + text + "' (expected #rrggbb)");
  const int digits = s.size() == 7 ? 2 : 1;
  auto channel = [&](int i) {
    const double v = std::strtol(s.substr(1 + i * digits, digits).c_str(), nullptr, 16);
    return digits == 2 ? v / 255.0 : v / 15.0;
  };
  return {channel(0), channel(1), channel(2)};
}

namespace {

void read_heading(const YAML::Node& n, HeadingStyle& h) {
  if (!n || !n.IsMap()) return;
  if (n["size"]) h.size = n["size"].as<double>();
  if (n["space_before"]) h.space_before = n["space_before"].as<double>();
  if (n["space_after"]) h.space_after = n["space_after"].as<double>();
  if (n["bold"]) h.bold = n["bold"].as<bool>();
  if (n["italic"]) h.italic = n["italic"].as<bool>();
  if (n["align"]) h.center = n["align"].as<std::string>() == "center";
}

template <class T> void get(const YAML::Node& n, const char* key, T& out) {
  if (n && n[key]) out = n[key].as<T>();
}

// The `cover:` section. Faces: regular, italic, bold or bold-italic.
void read_cover(const YAML::Node& n, CoverStyle& c) {
  if (!n || !n.IsMap()) return;
  auto colour = [&](const char* key, Rgb& out) {
    if (n[key]) out = parse_colour(n[key].as<std::string>());
  };
  auto face = [&](const char* key, CoverFace& out) {
    if (!n[key]) return;
    const std::string f = lower_trim(n[key].as<std::string>());
    if (f != "regular" && f != "italic" && f != "bold" && f != "bold-italic")
      throw Error("", "invalid cover face '" + f + "' (expected regular, italic, bold or bold-italic)");
    out = {f.starts_with("bold"), f.ends_with("italic")};
  };
  auto size = [&](const char* key, double& out) {
    if (n[key]) out = parse_font_size(n[key].as<std::string>());
  };
  colour("background", c.background);
  colour("text", c.text);
  colour("accent", c.accent);
  face("title_face", c.title_face);
  face("subtitle_face", c.subtitle_face);
  face("author_face", c.author_face);
  size("title_size", c.title_size);
  size("subtitle_size", c.subtitle_size);
  size("author_size", c.author_size);
  size("spine_size", c.spine_size);
  size("back_size", c.back_size);
  if (n["caliper"]) c.caliper = parse_caliper(n["caliper"].as<std::string>());
  if (n["bleed"]) c.bleed = parse_length(n["bleed"].as<std::string>());
}

}  // namespace

namespace {

// A style file as read: a style, or (choose non-empty) the names of the
// styles a choosing style picks between.
struct StyleFile {
  Style style;
  std::string choose_book, choose_article;
};

void read_style(const YAML::Node& root, Style& style) {
  if (const auto page = root["page"]) {
    if (page["size"]) parse_page_size(page["size"].as<std::string>(), style.page_width, style.page_height);
    if (page["margin"]) style.margins = parse_margins(page["margin"].as<std::string>());
  }
  if (const auto body = root["body"]) {
    if (body["font_size"]) style.font_size = parse_font_size(body["font_size"].as<std::string>());
    get(body, "leading", style.leading);
    get(body, "indent", style.indent);
    get(body, "paragraph_space", style.parskip);
    get(body, "justify", style.justify);
    get(body, "hyphenate", style.hyphenate);
    get(body, "widows", style.widows);
    get(body, "orphans", style.orphans);
  }
  get(root, "code_size", style.code_size);
  get(root, "small_size", style.small_size);
  get(root, "quote_indent", style.quote_indent);
  get(root, "list_indent", style.list_indent);
  get(root, "running_heads", style.running_heads);
  get(root, "chapter_new_page", style.chapter_new_page);
  get(root, "title_page", style.title_page);
  get(root, "title_block", style.title_block);
  get(root, "print_toc", style.print_toc);
  get(root, "endnotes", style.endnotes);
  get(root, "print_ready", style.print_ready);
  read_cover(root["cover"], style.cover);
  if (const auto hs = root["headings"])
    for (int i = 0; i < 6; ++i) read_heading(hs["h" + std::to_string(i + 1)], style.headings[i]);
  style.leading = std::clamp(style.leading, 0.8, 4.0);
  style.widows = std::clamp(style.widows, 1, 5);
  style.orphans = std::clamp(style.orphans, 1, 5);
}

// Parses a style file once (again when it changes on disk): a batch loads
// the same style for every document.
StyleFile read_style_file(const std::filesystem::path& file, const std::string& name) {
  static std::mutex cache_mu;
  static std::map<std::string, std::tuple<std::filesystem::file_time_type, std::uintmax_t, StyleFile>> cache;
  std::error_code ec;
  const auto mtime = std::filesystem::last_write_time(file, ec);
  const auto size = std::filesystem::file_size(file, ec);
  const std::string key = std::filesystem::absolute(file, ec).string() + '\n' + name;
  {
    std::lock_guard<std::mutex> lock(cache_mu);
    if (auto it = cache.find(key);
        it != cache.end() && std::get<0>(it->second) == mtime && std::get<1>(it->second) == size)
      return std::get<2>(it->second);
  }
  StyleFile sf;
  sf.style.name = name;
  try {
    const YAML::Node root = YAML::LoadFile(file.string());
    if (const auto choose = root["choose"]) {
      get(choose, "book", sf.choose_book);
      get(choose, "article", sf.choose_article);
      if (sf.choose_book.empty() || sf.choose_article.empty())
        throw Error(file.string(), "invalid style: 'choose' needs both a book and an article style");
    } else {
      read_style(root, sf.style);
    }
  } catch (const YAML::Exception& e) {
    throw Error(file.string(), std::string("invalid style: ") + e.what());
  } catch (const Error& e) {
    if (!e.file().empty()) throw;
    throw Error(file.string(), "invalid style: " + e.detail());
  }
  std::lock_guard<std::mutex> lock(cache_mu);
  cache[key] = {mtime, size, sf};
  return sf;
}

Style load_style_at(const std::string& name_or_path, const std::filesystem::path& styles_dir, bool book, int depth) {
  std::filesystem::path file = name_or_path;
  std::error_code ec;
  const bool is_file = name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".style") ||
                       name_or_path.ends_with(".yaml") || name_or_path.ends_with(".yml");
  if (!is_file) file = styles_dir / (name_or_path + ".style");
  if (!std::filesystem::is_regular_file(file, ec)) {
    if (name_or_path == "default") return Style{};
    throw Error("", "unknown style '" + name_or_path + "' (no file " + file.string() + ")");
  }
  StyleFile sf = read_style_file(file, is_file ? file.stem().string() : name_or_path);
  if (sf.choose_book.empty()) return sf.style;
  if (depth >= 4) throw Error(file.string(), "invalid style: styles choose each other in a loop");
  return load_style_at(book ? sf.choose_book : sf.choose_article, styles_dir, book, depth + 1);
}

}  // namespace

bool wants_book(const doc::Document& doc, std::size_t words) {
  // Long enough to want chapters: a novel's length.
  constexpr std::size_t kBookWords = 40000;
  // Chapters: the body divided at its top level into a few parts of a
  // novella's length, or into many parts (stories, poems, letters) of a
  // short book's.
  constexpr std::size_t kChaptersWords = 10000, kManyPartsWords = 5000;
  constexpr std::size_t kChapters = 3, kManyParts = 20;
  std::size_t titled = 0;
  for (const auto& s : doc.sections) titled += s.has_heading ? 1 : 0;
  return words >= kBookWords || (titled >= kChapters && words >= kChaptersWords) ||
         (titled >= kManyParts && words >= kManyPartsWords);
}

Style load_style(const std::string& name_or_path, const std::filesystem::path& styles_dir, bool book) {
  return load_style_at(name_or_path, styles_dir, book, 0);
}

void apply_overrides(Style& style, const std::string& page_size, const std::string& margin,
                     const std::string& font_size) {
  if (!page_size.empty()) parse_page_size(page_size, style.page_width, style.page_height);
  if (!margin.empty()) style.margins = parse_margins(margin);
  if (!font_size.empty()) style.font_size = parse_font_size(font_size);
  const double min_text = 72;  // at least one inch of text in each direction
  if (style.page_width - style.margins.inner - style.margins.outer < min_text ||
      style.page_height - style.margins.top - style.margins.bottom < min_text)
    throw Error("", "margins leave less than 1 in of text on the page");
}

}  // namespace galley::layout

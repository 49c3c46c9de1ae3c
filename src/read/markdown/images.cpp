#include "read/markdown/images.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "read/markdown/html.hpp"
#include "util/hex.hpp"

namespace galley::read::markdown {

namespace fs = std::filesystem;

namespace {


std::string percent_decode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// True when `p` (canonical) is `base` (canonical) or lies below it.
bool is_inside(const fs::path& p, const fs::path& base) {
  auto b = base.begin();
  auto q = p.begin();
  for (; b != base.end(); ++b, ++q) {
    if (q == p.end() || *q != *b) return false;
  }
  return true;
}

// A long data: URI or URL is shortened in messages.
std::string shorten(const std::string& s) { return s.size() > 80 ? s.substr(0, 77) + "..." : s; }

bool starts_with_ci(const std::string& s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

ImageType sniff_image_type(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ImageType::Unknown;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return image_type_of(head);
}

ImageResolver::ImageResolver(fs::path base_dir, Diagnostics& diag) : base_dir_(std::move(base_dir)), diag_(diag) {
  std::error_code ec;
  canonical_base_ = fs::canonical(base_dir_, ec);
  base_ok_ = !ec && fs::is_directory(canonical_base_, ec);
}

ImageResolver::Outcome ImageResolver::locate(const std::string& src, fs::path& out) const {
  if (src.empty()) return Outcome::Empty;
  if (is_remote_url(src)) return Outcome::Remote;
  if (starts_with_ci(src, "data:")) return Outcome::DataUri;
  if (!url_scheme(src).empty()) return Outcome::Scheme;
  if (!base_ok_) return Outcome::Missing;

  // A local reference: drop any query or fragment, try it as written and
  // then percent-decoded.
  std::string local = src;
  if (auto cut = local.find_first_of("?#"); cut != std::string::npos) local.resize(cut);
  if (local.empty()) return Outcome::Missing;
  std::vector<std::string> candidates{local};
  if (const std::string decoded = percent_decode(local); decoded != local) candidates.push_back(decoded);

  bool outside = false;
  bool not_file = false;
  for (const auto& c : candidates) {
    if (c.find('\0') != std::string::npos) continue;
    const fs::path rel(c);
    const fs::path full = rel.is_absolute() ? rel : base_dir_ / rel;
    std::error_code ec;
    const fs::path canon = fs::canonical(full, ec);
    if (ec) continue;
    if (!is_inside(canon, canonical_base_) || canon == canonical_base_) {
      outside = true;
      continue;
    }
    if (!fs::is_regular_file(canon, ec)) {
      not_file = true;
      continue;
    }
    out = canon;
    return Outcome::Ok;
  }
  if (outside) return Outcome::Outside;
  if (not_file) return Outcome::NotFile;
  return Outcome::Missing;
}

void ImageResolver::warn(Outcome outcome, const std::string& src, int line, const std::string& what,
                         const std::string& shown) {
  if (!warned_.insert(src).second) return;
  const std::string s = shorten(src);
  std::string msg;
  switch (outcome) {
    case Outcome::Ok: return;
    case Outcome::Empty: msg = what + " has no source"; break;
    case Outcome::Remote: msg = what + " not embedded, remote: " + s; break;
    case Outcome::DataUri: msg = what + " not embedded, data: URI not supported: " + s; break;
    case Outcome::Scheme: msg = what + " not embedded, unsupported URL scheme: " + s; break;
    case Outcome::Missing: msg = what + " not found: " + s; break;
    case Outcome::Outside: msg = what + " not embedded, outside the input folder: " + s; break;
    case Outcome::NotFile: msg = what + " not embedded, not a file: " + s; break;
    case Outcome::Unsupported: msg = what + " not embedded, not a PNG, JPEG, GIF or SVG file: " + s; break;
  }
  diag_.warn(msg + shown, line);
}

doc::Image ImageResolver::resolve(const std::string& src, const std::string& alt, const std::string& title, int line) {
  doc::Image image{src, alt, title, {}};
  fs::path path;
  Outcome outcome = locate(src, path);
  if (outcome == Outcome::Ok && sniff_image_type(path) == ImageType::Unknown) outcome = Outcome::Unsupported;
  if (outcome == Outcome::Ok) image.path = path.string();
  else warn(outcome, src, line, "image", alt.empty() ? std::string() : " (showing alt text)");
  return image;
}

std::string ImageResolver::resolve_path(const std::string& src, int line, const std::string& what) {
  fs::path path;
  Outcome outcome = locate(src, path);
  if (outcome == Outcome::Ok && sniff_image_type(path) == ImageType::Unknown) outcome = Outcome::Unsupported;
  if (outcome == Outcome::Ok) return path.string();
  warn(outcome, src, line, what, "");
  return {};
}

}  // namespace galley::read::markdown

// The print-ready options, the sheet's geometry and the K-only content
// filter (prepress.hpp). The PDF/X-4 pass itself is in pdfx.cpp.
#include <cmath>
#include <cstdlib>

#include "layout/style.hpp"
#include "pdf/edit.hpp"
#include "pdf/prepress.hpp"
#include "pdf/to_unicode.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"

namespace galley::pdf {

std::optional<double> parse_bleed(std::string_view text) {
  try {
    const double points = layout::parse_length(std::string(text));
    if (points > 72.0 + 1e-9) return std::nullopt;
    return points;
  } catch (const Error&) {
    return std::nullopt;
  }
}

Sheet sheet_for(double trim_w, double trim_h, const PrintReady& print_ready) {
  Sheet s;
  s.trim_w = trim_w;
  s.trim_h = trim_h;
  if (print_ready.enabled) {
    s.bleed = print_ready.bleed_pt;
    s.crop_marks = print_ready.crop_marks;
  }
  const double margin = s.bleed + (s.crop_marks ? kMarkGap + kMarkLength : 0.0);
  s.trim_x = s.trim_y = margin;
  s.width = trim_w + 2 * margin;
  s.height = trim_h + 2 * margin;
  return s;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
         c == '%';
}

// The end of the token that begins at i (not a space).
std::size_t token_end(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == '%') {  // a comment, to the end of the line
    while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
    return i;
  }
  if (c == '(') {  // a string: nested parentheses, backslash escapes
    int depth = 0;
    for (; i < s.size(); ++i) {
      if (s[i] == '\\') ++i;
      else if (s[i] == '(') ++depth;
      else if (s[i] == ')' && --depth == 0) return i + 1;
    }
    return s.size();
  }
  if (c == '<' || c == '>') {  // << >> or a hex string
    if (i + 1 < s.size() && s[i + 1] == c) return i + 2;
    if (c == '>') return i + 1;
    const std::size_t close = s.find('>', i);
    return close == std::string_view::npos ? s.size() : close + 1;
  }
  if (c == '/') ++i;  // a name: the slash, then regular characters
  else if (is_delimiter(c)) return i + 1;
  while (i < s.size() && !is_space(s[i]) && !is_delimiter(s[i])) ++i;
  return i;
}

bool is_number(std::string_view t) {
  if (t.empty()) return false;
  bool digit = false;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const char c = t[k];
    if (c >= '0' && c <= '9') digit = true;
    else if (!(c == '.' || ((c == '-' || c == '+') && k == 0))) return false;
  }
  return digit;
}

double number_value(std::string_view t) { return std::strtod(std::string(t).c_str(), nullptr); }

// The end of an inline image's data: past the "EI" that follows white space
// and stands alone, or the end of the stream.
std::size_t inline_image_end(std::string_view s, std::size_t i) {
  for (std::size_t at = s.find("EI", i); at != std::string_view::npos; at = s.find("EI", at + 2)) {
    if (at > 0 && is_space(s[at - 1]) && (at + 2 == s.size() || is_space(s[at + 2]))) return at + 2;
  }
  return s.size();
}

}  // namespace

std::string gray_only_content(std::string_view s, std::size_t& changed) {
  std::string out;
  std::size_t copied = 0;
  // The last three tokens: begin and end of each, oldest first.
  std::size_t begin[3] = {0, 0, 0}, end[3] = {0, 0, 0};
  int seen = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    std::size_t e = token_end(s, i);
    const std::string_view token = s.substr(i, e - i);
    if (token == "ID") e = inline_image_end(s, e);
    if ((token == "rg" || token == "RG") && seen >= 3) {
      const std::string_view r = s.substr(begin[0], end[0] - begin[0]), g = s.substr(begin[1], end[1] - begin[1]),
                             b = s.substr(begin[2], end[2] - begin[2]);
      if (is_number(r) && is_number(g) && is_number(b) && number_value(r) == number_value(g) &&
          number_value(g) == number_value(b)) {
        if (out.empty()) out.reserve(s.size());
        out.append(s.substr(copied, begin[0] - copied));
        out.append(r);
        out.append(token == "rg" ? " g" : " G");
        copied = e;
        ++changed;
      }
    }
    begin[0] = begin[1], end[0] = end[1];
    begin[1] = begin[2], end[1] = end[2];
    begin[2] = i, end[2] = e;
    if (seen < 3) ++seen;
    i = e;
  }
  if (copied == 0) return std::string(s);
  out.append(s.substr(copied));
  return out;
}

namespace {

// The objects whose streams are content: pages' /Contents (one stream or an
// array), form XObjects and tiling patterns.
std::vector<long> content_streams(const PdfEdit& edit) {
  std::vector<long> out;
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    if (!object) continue;
    const auto dict = dict_entries(*object);
    if (!dict) continue;
    if (dict->find("/Subtype /Form") != std::string_view::npos || dict->find("/PatternType 1") != std::string_view::npos) {
      if (object->find("stream\n") != std::string_view::npos) out.push_back(n);
      continue;
    }
    const std::size_t type = dict->find("/Type /Page");
    if (type == std::string_view::npos || dict->substr(type + 11, 1) == "s") continue;
    const std::size_t at = dict->find("/Contents");
    if (at == std::string_view::npos) continue;
    std::size_t k = at + 9;
    while (k < dict->size() && is_space((*dict)[k])) ++k;
    if (k < dict->size() && (*dict)[k] == '[') {
      const std::size_t close = dict->find(']', k);
      std::string_view list = dict->substr(k + 1, close == std::string_view::npos ? 0 : close - k - 1);
      while (!list.empty()) {
        const std::size_t digit = list.find_first_of("0123456789");
        if (digit == std::string_view::npos) break;
        list.remove_prefix(digit);
        out.push_back(std::strtol(std::string(list.substr(0, 12)).c_str(), nullptr, 10));
        const std::size_t r = list.find('R');
        list.remove_prefix(r == std::string_view::npos ? list.size() : r + 1);
      }
    } else if (const auto ref = ref_after(dict->substr(at), "/Contents")) {
      out.push_back(*ref);
    }
  }
  return out;
}

}  // namespace

std::size_t gray_only(PdfEdit& edit) {
  std::size_t total = 0;
  for (long n : content_streams(edit)) {
    const auto object = edit.object(n);
    const auto data = edit.stream_data(n);
    if (!object || !data) continue;
    const auto dict = dict_entries(*object);
    if (!dict) continue;
    const bool flate = dict->find("/Filter /FlateDecode") != std::string_view::npos;
    if (!flate && dict->find("/Filter") != std::string_view::npos) continue;
    std::optional<std::string> plain = flate ? inflate(*data) : std::optional<std::string>(std::string(*data));
    if (!plain) continue;
    std::size_t changed = 0;
    const std::string gray = gray_only_content(*plain, changed);
    if (changed == 0) continue;
    total += changed;
    edit.replace(n, stream_object(n, without_length(*dict), flate ? deflate(gray) : gray));
  }
  return total;
}

std::size_t compress_streams(PdfEdit& edit) {
  std::size_t count = 0;
  for (long n : edit.numbers()) {
    const auto object = edit.object(n);
    if (!object || object->find(">>\nstream\n") == std::string_view::npos) continue;
    const auto dict = dict_entries(*object);
    if (!dict || dict->find("/Filter") != std::string_view::npos || dict->find("/Type /Metadata") != std::string_view::npos)
      continue;
    const auto data = edit.stream_data(n);
    if (!data) continue;
    edit.replace(n, stream_object(n, without_length(*dict) + " /Filter /FlateDecode", deflate(*data)));
    ++count;
  }
  return count;
}

PdfxInfo pdfx_info(const doc::Metadata& m, const Sheet& sheet) {
  PdfxInfo info;
  info.title = m.title;
  info.creators = m.authors;
  info.language = m.language;
  info.description = m.description;
  info.date = output_time();
  info.producer = std::string("galley ") + GALLEY_VERSION;
  info.identifier = m.identifier;
  info.sheet = sheet;
  return info;
}

}  // namespace galley::pdf

#include "read/markdown/html.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include "util/utf8.hpp"

namespace galley::read::markdown {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return lower(c); });
  return out;
}

// Names of U+00A0..U+00FF, in code point order (HTML 4 Latin-1 set).
constexpr std::array<const char*, 96> kLatin1 = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",   "ordf",
    "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",
    "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave",
    "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",
    "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",
    "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute",
    "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave",
    "iacute", "icirc",  "iuml",   "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

const std::unordered_map<std::string, std::uint32_t>& named_entities() {
  static const std::unordered_map<std::string, std::uint32_t> table = [] {
    std::unordered_map<std::string, std::uint32_t> t{
        {"amp", '&'},         {"lt", '<'},          {"gt", '>'},          {"quot", '"'},        {"apos", '\''},
        {"ensp", 0x2002},     {"emsp", 0x2003},     {"thinsp", 0x2009},   {"zwnj", 0x200C},     {"zwj", 0x200D},
        {"lrm", 0x200E},      {"rlm", 0x200F},      {"ndash", 0x2013},    {"mdash", 0x2014},    {"lsquo", 0x2018},
        {"rsquo", 0x2019},    {"sbquo", 0x201A},    {"ldquo", 0x201C},    {"rdquo", 0x201D},    {"bdquo", 0x201E},
        {"dagger", 0x2020},   {"Dagger", 0x2021},   {"bull", 0x2022},     {"hellip", 0x2026},   {"permil", 0x2030},
        {"prime", 0x2032},    {"Prime", 0x2033},    {"lsaquo", 0x2039},   {"rsaquo", 0x203A},   {"oline", 0x203E},
        {"frasl", 0x2044},    {"euro", 0x20AC},     {"trade", 0x2122},    {"larr", 0x2190},     {"uarr", 0x2191},
        {"rarr", 0x2192},     {"darr", 0x2193},     {"harr", 0x2194},     {"lArr", 0x21D0},     {"rArr", 0x21D2},
        {"hArr", 0x21D4},     {"minus", 0x2212},    {"le", 0x2264},       {"ge", 0x2265},       {"ne", 0x2260},
        {"asymp", 0x2248},    {"infin", 0x221E},    {"check", 0x2713},    {"OElig", 0x152},     {"oelig", 0x153},
        {"Scaron", 0x160},    {"scaron", 0x161},    {"Yuml", 0x178},      {"fnof", 0x192},      {"circ", 0x2C6},
        {"tilde", 0x2DC},     {"alpha", 0x3B1},     {"beta", 0x3B2},      {"gamma", 0x3B3},     {"delta", 0x3B4},
        {"epsilon", 0x3B5},   {"lambda", 0x3BB},    {"mu", 0x3BC},        {"pi", 0x3C0},        {"sigma", 0x3C3},
        {"omega", 0x3C9},     {"Delta", 0x394},     {"Omega", 0x3A9},     {"hearts", 0x2665},   {"star", 0x2606},
        {"nbhy", 0x2011},     {"NewLine", '\n'},    {"Tab", '\t'},        {"colon", ':'},       {"comma", ','},
        {"period", '.'},      {"excl", '!'},        {"num", '#'},         {"dollar", '$'},      {"percnt", '%'},
        {"lpar", '('},        {"rpar", ')'},        {"ast", '*'},         {"plus", '+'},        {"sol", '/'},
        {"semi", ';'},        {"equals", '='},      {"quest", '?'},       {"commat", '@'},      {"lsqb", '['},
        {"rsqb", ']'},        {"bsol", '\\'},       {"lowbar", '_'},      {"grave", '`'},       {"lcub", '{'},
        {"rcub", '}'},        {"verbar", '|'},      {"Hat", '^'},
    };
    for (std::size_t i = 0; i < kLatin1.size(); ++i) t.emplace(kLatin1[i], static_cast<std::uint32_t>(0xA0 + i));
    return t;
  }();
  return table;
}

// Decodes one reference starting at text[i] == '&'; on success appends it and
// returns the index after ';', otherwise returns i.
std::size_t decode_one(std::string_view text, std::size_t i, std::string& out) {
  std::size_t j = i + 1;
  if (j < text.size() && text[j] == '#') {
    ++j;
    const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
    if (hex) ++j;
    std::uint32_t cp = 0;
    std::size_t digits = 0;
    for (; j < text.size() && digits < 8; ++j, ++digits) {
      const char c = text[j];
      int v;
      if (is_digit(c)) v = c - '0';
      else if (hex && lower(c) >= 'a' && lower(c) <= 'f') v = lower(c) - 'a' + 10;
      else break;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    }
    if (digits == 0 || j >= text.size() || text[j] != ';') return i;
    append_utf8(out, cp);
    return j + 1;
  }
  std::size_t k = j;
  while (k < text.size() && k - j < 32 && (is_alpha(text[k]) || is_digit(text[k]))) ++k;
  if (k == j || k >= text.size() || text[k] != ';') return i;
  const auto& table = named_entities();
  auto it = table.find(std::string(text.substr(j, k - j)));
  if (it == table.end()) return i;
  append_utf8(out, it->second);
  return k + 1;
}

// Position just after the '>' closing a tag that starts at text[i] == '<',
// honouring quoted attribute values; npos when unterminated.
std::size_t tag_end(std::string_view text, std::size_t i) {
  char quote = 0;
  for (std::size_t k = i + 1; k < text.size(); ++k) {
    const char c = text[k];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return k + 1;
    }
  }
  return std::string_view::npos;
}

void parse_tag(std::string_view tag, HtmlToken& tok) {
  // tag: the text between '<' (or '</') and '>'.
  std::size_t i = 0;
  while (i < tag.size() && !is_space(tag[i]) && tag[i] != '/' && tag[i] != '>') ++i;
  tok.name = lower(tag.substr(0, i));
  while (i < tag.size()) {
    while (i < tag.size() && (is_space(tag[i]) || tag[i] == '/')) {
      if (tag[i] == '/' && i + 1 == tag.size()) tok.self_closing = true;
      ++i;
    }
    if (i >= tag.size()) break;
    std::size_t start = i;
    while (i < tag.size() && !is_space(tag[i]) && tag[i] != '=' && tag[i] != '/') ++i;
    HtmlAttribute attr{lower(tag.substr(start, i - start)), {}};
    while (i < tag.size() && is_space(tag[i])) ++i;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && is_space(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        const char q = tag[i++];
        start = i;
        while (i < tag.size() && tag[i] != q) ++i;
        attr.value = decode_entities(tag.substr(start, i - start));
        if (i < tag.size()) ++i;
      } else {
        start = i;
        while (i < tag.size() && !is_space(tag[i])) ++i;
        attr.value = decode_entities(tag.substr(start, i - start));
      }
    }
    if (!attr.name.empty()) tok.attributes.push_back(std::move(attr));
  }
}

bool is_raw_text_element(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" || name == "xmp" ||
         name == "iframe" || name == "noembed" || name == "noframes";
}

// Case-insensitive search for "</name" from position `from`.
std::size_t find_end_tag(std::string_view text, std::size_t from, std::string_view name) {
  for (std::size_t k = text.find("</", from); k != std::string_view::npos; k = text.find("</", k + 2)) {
    if (k + 2 + name.size() > text.size()) return std::string_view::npos;
    if (lower(text.substr(k + 2, name.size())) == name) {
      const std::size_t after = k + 2 + name.size();
      if (after == text.size() || is_space(text[after]) || text[after] == '>' || text[after] == '/') return k;
    }
  }
  return std::string_view::npos;
}

}  // namespace

const std::string* HtmlToken::attribute(std::string_view attr_name) const {
  for (const auto& a : attributes)
    if (a.name == attr_name) return &a.value;
  return nullptr;
}

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      const std::size_t next = decode_one(text, i, out);
      if (next != i) {
        i = next;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::vector<HtmlToken> tokenize_html(std::string_view html) {
  std::vector<HtmlToken> tokens;
  std::string text;
  auto flush_text = [&] {
    if (text.empty()) return;
    HtmlToken t;
    t.text = std::move(text);
    tokens.push_back(std::move(t));
    text.clear();
  };
  auto other = [&](HtmlToken::Kind kind, std::string_view raw) {
    flush_text();
    HtmlToken t;
    t.kind = kind;
    t.text = std::string(raw);
    tokens.push_back(std::move(t));
  };

  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c != '<' || i + 1 >= html.size()) {
      text += c;
      ++i;
      continue;
    }
    const std::string_view rest = html.substr(i);
    if (rest.rfind("<!--", 0) == 0) {
      std::size_t end = html.find("-->", i + 4);
      end = end == std::string_view::npos ? html.size() : end + 3;
      other(HtmlToken::Kind::Comment, html.substr(i, end - i));
      i = end;
      continue;
    }
    if (rest.rfind("<![CDATA[", 0) == 0) {
      std::size_t end = html.find("]]>", i + 9);
      end = end == std::string_view::npos ? html.size() : end + 3;
      other(HtmlToken::Kind::Other, html.substr(i, end - i));
      i = end;
      continue;
    }
    if (html[i + 1] == '!' || html[i + 1] == '?') {
      std::size_t end = html.find('>', i + 2);
      end = end == std::string_view::npos ? html.size() : end + 1;
      other(HtmlToken::Kind::Other, html.substr(i, end - i));
      i = end;
      continue;
    }
    const bool closing = html[i + 1] == '/';
    const std::size_t name_at = i + (closing ? 2 : 1);
    if (name_at >= html.size() || !is_alpha(html[name_at])) {
      text += c;
      ++i;
      continue;
    }
    const std::size_t end = tag_end(html, i);
    if (end == std::string_view::npos) {
      // An unterminated tag (an unclosed quote or no '>'): like a browser,
      // give up on markup; the rest is text (text is never emitted as
      // markup). This also keeps the tokenizer linear on hostile input.
      text += html.substr(i);
      break;
    }
    flush_text();
    HtmlToken tok;
    tok.kind = closing ? HtmlToken::Kind::EndTag : HtmlToken::Kind::StartTag;
    parse_tag(html.substr(name_at, end - 1 - name_at), tok);
    const std::string name = tok.name;
    const bool raw = !closing && !tok.self_closing && is_raw_text_element(name);
    tokens.push_back(std::move(tok));
    i = end;
    if (raw) {
      std::size_t close = find_end_tag(html, i, name);
      if (close == std::string_view::npos) close = html.size();
      if (close > i) {
        HtmlToken t;
        t.text = std::string(html.substr(i, close - i));
        tokens.push_back(std::move(t));
      }
      i = close;
    }
  }
  flush_text();
  return tokens;
}

bool is_dropped_element(std::string_view name) {
  // Only elements with content and an end tag: a void element such as
  // <embed> must not start a region that would never end.
  static constexpr std::string_view kDropped[] = {"script", "style",    "template", "iframe", "object",  "applet",
                                                  "head",   "title",    "noembed",  "noframes", "svg",   "math",
                                                  "canvas", "textarea", "select",   "button", "xmp",     "audio",
                                                  "video",  "map",      "frameset"};
  return std::find(std::begin(kDropped), std::end(kDropped), name) != std::end(kDropped);
}

bool is_block_element(std::string_view name) {
  static constexpr std::string_view kBlocks[] = {
      "p",       "div",     "aside",  "section",  "article", "header", "footer", "nav",     "main",   "blockquote",
      "ul",      "ol",      "li",     "dl",       "dt",      "dd",     "table",  "thead",   "tbody",  "tfoot",
      "tr",      "caption", "figure", "figcaption", "center", "address", "details", "summary", "form", "fieldset",
      "legend",  "hr",      "pre",    "h1",       "h2",      "h3",     "h4",     "h5",      "h6",     "hgroup",
      "body",    "html",    "dialog", "menu",     "picture", "td",     "th"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks);
}

int heading_level(std::string_view name) {
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return name[1] - '0';
  return 0;
}

std::string url_scheme(std::string_view url) {
  // Browsers ignore ASCII whitespace and control characters inside a scheme
  // ("java\tscript:"), so they are skipped here too.
  std::string scheme;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;
    if (c == ':') return scheme;
    if (c == '/' || c == '?' || c == '#') return {};
    if (is_alpha(c) || (!scheme.empty() && (is_digit(c) || c == '+' || c == '-' || c == '.'))) {
      scheme += lower(c);
      continue;
    }
    // '&' could hide a scheme behind an entity; treat as unknown scheme.
    return c == '&' ? std::string("&") : std::string();
  }
  return {};
}

bool is_safe_link_url(std::string_view url) {
  const std::string scheme = url_scheme(url);
  if (scheme.empty()) return true;
  static constexpr std::string_view kSafe[] = {"http", "https", "mailto", "ftp", "ftps", "tel", "news", "irc", "ircs", "xmpp"};
  return std::find(std::begin(kSafe), std::end(kSafe), scheme) != std::end(kSafe);
}

bool is_remote_url(std::string_view url) {
  if (url.rfind("//", 0) == 0) return true;
  const std::string scheme = url_scheme(url);
  return scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "ftps";
}

}  // namespace galley::read::markdown

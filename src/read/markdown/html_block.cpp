#include "read/markdown/html_block.hpp"

#include <algorithm>
#include <vector>

#include "read/markdown/html.hpp"

namespace galley::read::markdown {

namespace {

using K = HtmlToken::Kind;

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string attribute_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n':
      case '\r':
      case '\t': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// Canonical name of a kept inline element, "" for others.
std::string kept_inline(std::string_view name) {
  if (name == "em" || name == "i") return "em";
  if (name == "strong" || name == "b") return "strong";
  if (name == "s" || name == "del" || name == "strike") return "del";
  if (name == "code" || name == "kbd" || name == "samp" || name == "tt") return "code";
  return {};
}

// The end tag of a dropped element starting at tokens[i] (its start tag), or
// 0 when it is never closed.
std::size_t end_of_element(const std::vector<HtmlToken>& tokens, std::size_t i) {
  const std::string& name = tokens[i].name;
  int depth = 0;
  for (; i < tokens.size(); ++i) {
    if (tokens[i].kind == K::StartTag && tokens[i].name == name && !tokens[i].self_closing) ++depth;
    else if (tokens[i].kind == K::EndTag && tokens[i].name == name && --depth == 0) return i;
  }
  return 0;
}

// Text of a <pre> element starting at tokens[i]; `i` ends on its end tag.
std::string pre_text(const std::vector<HtmlToken>& tokens, std::size_t& i) {
  std::string text;
  for (++i; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.kind == K::EndTag && t.name == "pre") break;
    if (t.kind == K::Text) text += decode_entities(t.text);
    else if (t.kind == K::StartTag && t.name == "br") text += '\n';
    else if (t.kind == K::StartTag && is_dropped_element(t.name) && !t.self_closing)
      if (const std::size_t end = end_of_element(tokens, i)) i = end;  // unclosed: its text stays code
  }
  if (!text.empty() && text.front() == '\n') text.erase(0, 1);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class MarkdownWriter {
 public:
  std::string out;

  void text(std::string_view s) {
    for (char c : s) {
      if (heading_ && (c == '\n' || c == '\r')) c = ' ';
      if (at_line_start_ && (c == ' ' || c == '\t' || c == '\r')) continue;
      out += c;
      at_line_start_ = c == '\n';
    }
  }
  void raw(std::string_view s) {
    out += s;
    at_line_start_ = !s.empty() && s.back() == '\n';
  }
  void paragraph_break() {
    if (!out.empty()) raw("\n\n");
  }
  void start_heading(int level) {
    paragraph_break();
    raw(std::string(static_cast<std::size_t>(level), '#') + " ");
    heading_ = true;
  }
  void end_heading() {
    heading_ = false;
    raw("\n\n");
  }
  bool in_heading() const { return heading_; }

 private:
  bool heading_ = false;
  bool at_line_start_ = true;
};

std::string fenced(const std::string& code) {
  std::size_t longest = 0, run = 0;
  for (char c : code) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  return fence + "\n" + code + "\n" + fence + "\n";
}

// <img> re-written from its parsed attributes; without a source only its
// alt text is left.
void write_image(MarkdownWriter& w, const HtmlToken& t) {
  const std::string* src = t.attribute("src");
  const std::string* alt = t.attribute("alt");
  const std::string* title = t.attribute("title");
  if (!src || src->empty()) {
    if (alt) w.raw(attribute_escape(*alt));
    return;
  }
  std::string tag = "<img src=\"" + attribute_escape(*src) + "\"";
  if (alt) tag += " alt=\"" + attribute_escape(*alt) + "\"";
  if (title) tag += " title=\"" + attribute_escape(*title) + "\"";
  w.raw(tag + ">");
}

// <a> is kept only with a safe href; `links` remembers the choice for the
// matching end tag.
void open_link(MarkdownWriter& w, const HtmlToken& t, std::vector<bool>& links) {
  if (t.self_closing) return;
  const std::string* href = t.attribute("href");
  const bool keep = href && !href->empty() && is_safe_link_url(*href);
  links.push_back(keep);
  if (!keep) return;
  std::string tag = "<a href=\"" + attribute_escape(*href) + "\"";
  if (const std::string* title = t.attribute("title")) tag += " title=\"" + attribute_escape(*title) + "\"";
  w.raw(tag + ">");
}

// The start tag at tokens[i]; `i` moves past the content of an element that
// is dropped whole (or a <pre>, written as a fenced block).
void write_start_tag(const std::vector<HtmlToken>& tokens, std::size_t& i, MarkdownWriter& w,
                     std::vector<bool>& links, HtmlRepairs& repairs) {
  const HtmlToken& t = tokens[i];
  const std::string& n = t.name;
  if (is_dropped_element(n)) {
    if (t.self_closing || n == "textarea" || n == "xmp") return;  // these two show their text
    if (const std::size_t end = end_of_element(tokens, i)) i = end;
    else repairs.unclosed.push_back(n);  // never closed: the text after it is kept
    return;
  }
  if (const int level = heading_level(n)) {
    if (!w.in_heading()) w.start_heading(level);
  } else if (n == "pre") {
    const std::string code = pre_text(tokens, i);
    w.paragraph_break();
    w.raw(fenced(code));
    w.raw("\n");
  } else if (n == "hr") {
    w.paragraph_break();
    w.raw("* * *\n\n");
  } else if (n == "br") {
    if (w.in_heading()) w.text(" ");
    else w.raw("<br>");
  } else if (n == "img") {
    write_image(w, t);
  } else if (n == "a") {
    open_link(w, t, links);
  } else if (const std::string k = kept_inline(n); !k.empty()) {
    if (!t.self_closing) w.raw("<" + k + ">");
  } else if (is_block_element(n) && !w.in_heading()) {
    w.paragraph_break();
  }
}

void write_end_tag(const HtmlToken& t, MarkdownWriter& w, std::vector<bool>& links) {
  const std::string& n = t.name;
  if (heading_level(n)) {
    if (w.in_heading()) w.end_heading();
  } else if (n == "a") {
    if (links.empty()) return;
    if (links.back()) w.raw("</a>");
    links.pop_back();
  } else if (const std::string k = kept_inline(n); !k.empty()) {
    w.raw("</" + k + ">");
  } else if (is_block_element(n) && !w.in_heading()) {
    w.paragraph_break();
  }
}

}  // namespace

std::string html_block_to_markdown(std::string_view html, HtmlRepairs& repairs) {
  const std::vector<HtmlToken> tokens = tokenize_html(html);
  MarkdownWriter w;
  std::vector<bool> links;  // for each open <a>: whether it was kept
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const HtmlToken& t = tokens[i];
    switch (t.kind) {
      case K::Comment:
      case K::Other:
        break;
      case K::Text:
        // Entities stay as written: the Markdown parser decodes them.
        w.text(t.text);
        break;
      case K::StartTag:
        write_start_tag(tokens, i, w, links, repairs);
        break;
      case K::EndTag:
        write_end_tag(t, w, links);
        break;
    }
  }
  if (w.in_heading()) w.end_heading();
  return w.out;
}

bool html_block_asks_for_markdown(std::string_view html) {
  for (const HtmlToken& t : tokenize_html(html))
    if (t.kind == K::StartTag)
      if (const std::string* v = t.attribute("markdown"); v && *v != "0") return true;
  return false;
}

doc::Blocks html_block_to_blocks(std::string_view html, const InlineBuilder::ImageMaker& make_image, int line,
                                 HtmlRepairs& repairs) {
  const std::vector<HtmlToken> tokens = tokenize_html(html);
  doc::Blocks out;
  InlineBuilder builder(make_image);
  int heading = 0;
  auto flush = [&] {
    doc::Inlines content = builder.finish();
    repairs.add(builder);
    trim_inlines(content);
    if (!content.empty()) {
      if (heading) out.push_back(doc::heading(heading, std::move(content), line));
      else out.push_back(paragraph_block(std::move(content), line));
    }
    heading = 0;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const HtmlToken& t = tokens[i];
    if (builder.dropping()) {
      builder.html(t);
      continue;
    }
    if (t.kind == K::Text) {
      // HTML whitespace: runs collapse to one space.
      std::string collapsed;
      bool space = false;
      for (char c : decode_entities(t.text)) {
        if (is_ws(c)) {
          space = true;
          continue;
        }
        if (space) collapsed += ' ';
        space = false;
        collapsed += c;
      }
      if (space) collapsed += ' ';
      builder.append_text(collapsed);
      continue;
    }
    if (t.kind == K::StartTag && t.name == "pre") {
      flush();
      std::string code = pre_text(tokens, i);
      if (!code.empty()) out.push_back(doc::Block{doc::CodeBlock{std::move(code), {}}, line});
      continue;
    }
    if (t.kind == K::StartTag && t.name == "hr") {
      flush();
      out.push_back(doc::Block{doc::SceneBreak{}, line});
      continue;
    }
    if ((t.kind == K::StartTag || t.kind == K::EndTag) && is_block_element(t.name) && !is_dropped_element(t.name)) {
      const int level = heading_level(t.name);
      if (t.kind == K::StartTag && level) {
        flush();
        heading = level;
      } else if (!heading || (level && t.kind == K::EndTag)) {
        flush();
      }
      continue;
    }
    builder.html(t);
  }
  flush();
  return out;
}

}  // namespace galley::read::markdown

#include "read/markdown/inline_builder.hpp"

#include <utility>

namespace galley::read::markdown {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

void append_inline(doc::Inlines& out, doc::Inline in) {
  if (auto* t = std::get_if<doc::Text>(&in.node)) {
    if (t->text.empty()) return;
    if (!out.empty())
      if (auto* prev = std::get_if<doc::Text>(&out.back().node)) {
        prev->text += t->text;
        return;
      }
  }
  out.push_back(std::move(in));
}

doc::Block paragraph_block(doc::Inlines content, int line) {
  // A lone image that galley embeds is a figure captioned by its alt text. A
  // missing one stays an inline image in its paragraph: its placeholder
  // already shows the alt text (a caption would repeat it). The title is
  // never shown as text (it stays the image's title attribute).
  if (content.size() == 1)
    if (auto* img = std::get_if<doc::Image>(&content.front().node); img && !img->path.empty()) {
      doc::Inlines caption;
      if (!img->alt.empty()) caption.push_back(doc::text(img->alt));
      return doc::Block{doc::Figure{std::move(*img), std::move(caption)}, line};
    }
  return doc::paragraph(std::move(content), line);
}

void remove_links(doc::Inlines& inlines) {
  doc::Inlines out;
  for (auto& in : inlines) {
    std::visit(doc::overloaded{
                   [&](doc::Link& l) {
                     remove_links(l.children);
                     for (auto& c : l.children) append_inline(out, std::move(c));
                   },
                   [&](doc::Emphasis& e) { remove_links(e.children); append_inline(out, std::move(in)); },
                   [&](doc::Strong& e) { remove_links(e.children); append_inline(out, std::move(in)); },
                   [&](doc::Strikeout& e) { remove_links(e.children); append_inline(out, std::move(in)); },
                   [&](auto&) { append_inline(out, std::move(in)); },
               },
               in.node);
  }
  inlines = std::move(out);
}

void trim_inlines(doc::Inlines& inlines) {
  while (!inlines.empty()) {
    if (auto* t = std::get_if<doc::Text>(&inlines.front().node)) {
      std::size_t n = 0;
      while (n < t->text.size() && is_ws(t->text[n])) ++n;
      t->text.erase(0, n);
      if (t->text.empty()) {
        inlines.erase(inlines.begin());
        continue;
      }
    } else if (std::holds_alternative<doc::LineBreak>(inlines.front().node)) {
      inlines.erase(inlines.begin());
      continue;
    }
    break;
  }
  while (!inlines.empty()) {
    if (auto* t = std::get_if<doc::Text>(&inlines.back().node)) {
      std::size_t n = t->text.size();
      while (n > 0 && is_ws(t->text[n - 1])) --n;
      t->text.resize(n);
      if (t->text.empty()) {
        inlines.pop_back();
        continue;
      }
    } else if (std::holds_alternative<doc::LineBreak>(inlines.back().node)) {
      inlines.pop_back();
      continue;
    }
    break;
  }
}

InlineBuilder::InlineBuilder(ImageMaker make_image) : make_image_(std::move(make_image)) {
  stack_.push_back(Frame{Kind::Root, {}, {}, {}, {}});
}

bool InlineBuilder::dropping() const { return stack_.back().kind == Kind::Drop; }

// Inside a dropped element the content is still collected: it is kept when
// the element turns out to be unclosed (or shows its text, as textarea does).
void InlineBuilder::append(doc::Inline inline_node) { append_inline(stack_.back().content, std::move(inline_node)); }

void InlineBuilder::append(doc::Inlines inlines) {
  for (auto& in : inlines) append(std::move(in));
}

void InlineBuilder::append_text(std::string_view text) {
  if (text.empty()) return;
  append(doc::text(std::string(text)));
}

void InlineBuilder::open(Kind kind, const std::string& tag, std::string url, std::string title) {
  if (stack_.size() > kMaxHtmlDepth && kind != Kind::Drop) {
    kind = Kind::Plain;
    flattened_ = true;
  }
  stack_.push_back(Frame{kind, tag, {}, std::move(url), std::move(title)});
}

namespace {
// Raw-text elements whose content a browser shows as text.
bool shows_its_text(std::string_view tag) { return tag == "textarea" || tag == "xmp"; }
}  // namespace

void InlineBuilder::close_top() {
  Frame f = std::move(stack_.back());
  stack_.pop_back();
  switch (f.kind) {
    case Kind::Root:
      return;
    case Kind::Drop:
      if (shows_its_text(f.tag)) append(std::move(f.content));
      return;
    case Kind::Plain:
      append(std::move(f.content));
      return;
    case Kind::Emphasis:
      if (!f.content.empty()) append(doc::Inline{doc::Emphasis{std::move(f.content)}});
      return;
    case Kind::Strong:
      if (!f.content.empty()) append(doc::Inline{doc::Strong{std::move(f.content)}});
      return;
    case Kind::Strikeout:
      if (!f.content.empty()) append(doc::Inline{doc::Strikeout{std::move(f.content)}});
      return;
    case Kind::Code: {
      std::string text = doc::plain_text(f.content);
      if (!text.empty()) append(doc::Inline{doc::Code{std::move(text)}});
      return;
    }
    case Kind::Link:
      if (!f.url.empty() && !f.content.empty()) {
        remove_links(f.content);
        append(doc::Inline{doc::Link{std::move(f.url), std::move(f.content), std::move(f.title)}});
      } else
        append(std::move(f.content));
      return;
  }
}

void InlineBuilder::close(const std::string& tag) {
  for (std::size_t i = stack_.size(); i-- > 1;) {
    if (stack_[i].tag == tag) {
      while (stack_.size() > i) close_top();
      return;
    }
  }
  // A stray end tag: ignored.
}

void InlineBuilder::html(const HtmlToken& token) {
  using K = HtmlToken::Kind;
  if (dropping()) {
    // Inside script/style/...: only the matching end tag (or a nested start
    // tag of the same element) matters.
    if (token.kind == K::StartTag && token.name == stack_.back().tag && !token.self_closing)
      open(Kind::Drop, token.name);
    else if (token.kind == K::EndTag && token.name == stack_.back().tag)
      close_top();
    else if (token.kind == K::Text)
      append_text(decode_entities(token.text));
    return;
  }
  switch (token.kind) {
    case K::Text:
      append_text(decode_entities(token.text));
      return;
    case K::Comment:
    case K::Other:
      return;
    case K::StartTag:
      break;
    case K::EndTag: {
      std::string tag = token.name;
      if (tag == "i") tag = "em";
      else if (tag == "b") tag = "strong";
      else if (tag == "del" || tag == "strike") tag = "s";
      else if (tag == "kbd" || tag == "samp" || tag == "tt") tag = "code";
      close(tag);
      return;
    }
  }
  const std::string& n = token.name;
  if (is_dropped_element(n)) {
    if (!token.self_closing) open(Kind::Drop, n);
    return;
  }
  if (n == "br") {
    append(doc::Inline{doc::LineBreak{}});
    return;
  }
  if (n == "img") {
    const std::string* src = token.attribute("src");
    const std::string* alt = token.attribute("alt");
    const std::string* title = token.attribute("title");
    if (!src || src->empty()) {
      if (alt) append_text(*alt);
      return;
    }
    append(doc::Inline{make_image_(*src, alt ? *alt : std::string(), title ? *title : std::string())});
    return;
  }
  if (token.self_closing) return;
  if (n == "em" || n == "i") open(Kind::Emphasis, "em");
  else if (n == "strong" || n == "b") open(Kind::Strong, "strong");
  else if (n == "s" || n == "del" || n == "strike") open(Kind::Strikeout, "s");
  else if (n == "code" || n == "kbd" || n == "samp" || n == "tt") open(Kind::Code, "code");
  else if (n == "a") {
    const std::string* href = token.attribute("href");
    const std::string* title = token.attribute("title");
    std::string url = href && is_safe_link_url(*href) ? *href : std::string();
    open(Kind::Link, "a", std::move(url), title ? *title : std::string());
  }
  // Any other tag (span, font, sup, u, div...) is removed; its text stays.
}

doc::Inlines InlineBuilder::finish() {
  while (stack_.size() > 1) {
    if (stack_.back().kind == Kind::Drop) {
      // Never closed: its text is the input's, not markup to hide.
      unclosed_.push_back(stack_.back().tag);
      stack_.back().kind = Kind::Plain;
    }
    close_top();
  }
  doc::Inlines out = std::move(stack_.back().content);
  stack_.back().content.clear();
  return out;
}

}  // namespace galley::read::markdown

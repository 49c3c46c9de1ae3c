#include "read/markdown/node_mapping.hpp"

#include <algorithm>
#include <cmark-gfm-core-extensions.h>

#include <cstdint>
#include <set>
#include <string_view>

#include "read/markdown/cmark_parse.hpp"
#include "read/markdown/html.hpp"
#include "read/markdown/html_block.hpp"
#include "util/uri.hpp"

namespace galley::read::markdown {

namespace {

// Deeper containers are flattened (see node_mapping.hpp).
constexpr int kMaxBlockDepth = 48;
constexpr int kMaxInlineDepth = 48;

std::string literal(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s ? std::string(s) : std::string();
}

std::string url_of(cmark_node* node) {
  const char* s = cmark_node_get_url(node);
  return s ? std::string(s) : std::string();
}

std::string title_of(cmark_node* node) {
  const char* s = cmark_node_get_title(node);
  return s ? std::string(s) : std::string();
}

// The language of a fenced code block: the first word of its info string
// ("python", "{.python}" and "python {linenos}" all give "python").
std::string language_of(cmark_node* node) {
  const char* info = cmark_node_get_fence_info(node);
  if (!info) return {};
  std::string_view s(info);
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  s.remove_prefix(b);
  s = s.substr(0, s.find_first_of(" \t"));
  while (!s.empty() && (s.front() == '{' || s.front() == '.')) s.remove_prefix(1);
  while (!s.empty() && s.back() == '}') s.remove_suffix(1);
  return std::string(s);
}

// Strips a trailing attribute block from a heading, as pandoc and kramdown
// write it: "Title {#custom-id}", "Title {.class}", "Title {: #id}".
void strip_heading_attributes(doc::Inlines& content) {
  if (content.empty()) return;
  auto* t = std::get_if<doc::Text>(&content.back().node);
  if (!t || t->text.empty() || t->text.back() != '}') return;
  const std::size_t open = t->text.rfind('{');
  if (open == std::string::npos || open + 1 >= t->text.size()) return;
  const char kind = t->text[open + 1];
  if (kind != '#' && kind != '.' && kind != ':') return;
  if (t->text.find('}', open) != t->text.size() - 1) return;
  if (open > 0 && t->text[open - 1] != ' ' && t->text[open - 1] != '\t') return;
  if (open == 0 && content.size() == 1) return;  // the whole heading: keep it
  t->text.erase(open);
  trim_inlines(content);
}

// A kramdown inline attribute list on its own line: "{: .lead}".
bool is_attribute_list(const doc::Inlines& content) {
  if (content.size() != 1) return false;
  const auto* t = std::get_if<doc::Text>(&content.front().node);
  return t && t->text.size() >= 3 && t->text.compare(0, 2, "{:") == 0 && t->text.back() == '}' &&
         t->text.find('}') == t->text.size() - 1;
}

// Ideographic scripts are written without spaces: a line break inside a
// Chinese or Japanese paragraph joins the lines directly. (Hangul is left
// out: Korean separates words with spaces.)
bool is_ideographic(std::uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

std::uint32_t decode_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return k < s.size() ? static_cast<std::uint32_t>(static_cast<unsigned char>(s[k])) : 0u; };
  const std::uint32_t c = b(i);
  if (c < 0x80) return c;
  if ((c & 0xE0) == 0xC0) return ((c & 0x1F) << 6) | (b(i + 1) & 0x3F);
  if ((c & 0xF0) == 0xE0) return ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
  return ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
}

std::uint32_t last_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return decode_at(s, i);
}

// True when a soft break sits between two ideographic characters.
bool joins_without_space(cmark_node* softbreak) {
  cmark_node* prev = cmark_node_previous(softbreak);
  cmark_node* next = cmark_node_next(softbreak);
  if (!prev || !next || cmark_node_get_type(prev) != CMARK_NODE_TEXT || cmark_node_get_type(next) != CMARK_NODE_TEXT)
    return false;
  const char* a = cmark_node_get_literal(prev);
  const char* b = cmark_node_get_literal(next);
  return a && b && is_ideographic(last_code_point(a)) && is_ideographic(decode_at(b, 0));
}

doc::Align align_of(std::uint8_t a) {
  switch (a) {
    case 'l': return doc::Align::Left;
    case 'c': return doc::Align::Center;
    case 'r': return doc::Align::Right;
    default: return doc::Align::Default;
  }
}

}  // namespace

NodeMapper::NodeMapper(ImageResolver& images, Diagnostics& diag, const std::string& source, bool fragment,
                       int fixed_line)
    : images_(images), diag_(diag), source_(source), fragment_(fragment), fixed_line_(fixed_line) {}

void NodeMapper::report_repairs() {
  if (repairs_.flattened)
    diag_.warn("nesting deeper than galley keeps: the innermost structure is flattened, its text kept");
  std::vector<std::string> seen;
  for (const auto& tag : repairs_.unclosed) {
    if (std::find(seen.begin(), seen.end(), tag) != seen.end()) continue;
    seen.push_back(tag);
    diag_.warn("<" + tag + "> is never closed: what follows it is kept as text");
  }
  repairs_ = {};
}

int NodeMapper::line_of(cmark_node* node) const {
  if (fragment_) return fixed_line_;
  return cmark_node_get_start_line(node);
}

doc::Image NodeMapper::image(const std::string& src, const std::string& alt, const std::string& title) {
  return images_.resolve(src, alt, title, current_line_);
}

InlineBuilder::ImageMaker NodeMapper::image_maker() {
  return [this](const std::string& src, const std::string& alt, const std::string& title) {
    return image(src, alt, title);
  };
}

// cmark-gfm's public API does not expose a footnote definition's label (a
// reference's literal is its index), so it is read back from the source: the
// definition starts right after "[^label]:" on its first line.
std::string NodeMapper::footnote_label(cmark_node* definition, int index) {
  const std::string fallback = std::to_string(index);
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < source_.size(); ++i)
      if (source_[i] == '\n') line_starts_.push_back(i + 1);
  }
  const int line = cmark_node_get_start_line(definition);
  if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return fallback;
  const std::size_t b = line_starts_[static_cast<std::size_t>(line) - 1];
  const std::size_t e = static_cast<std::size_t>(line) < line_starts_.size()
                            ? line_starts_[static_cast<std::size_t>(line)] - 1
                            : source_.size();
  std::string_view text = std::string_view(source_).substr(b, e - b);
  const int column = cmark_node_get_start_column(definition);
  std::string_view prefix = column > 0 ? text.substr(0, std::min(text.size(), static_cast<std::size_t>(column - 1))) : text;
  for (std::string_view hay : {prefix, text}) {
    const std::size_t close = hay.rfind("]:");
    if (close == std::string_view::npos) continue;
    const std::size_t open = hay.rfind("[^", close);
    if (open == std::string_view::npos || close <= open + 2) continue;
    return std::string(hay.substr(open + 2, close - open - 2));
  }
  return fallback;
}

void NodeMapper::map_document(cmark_node* root, doc::Blocks& body, std::vector<doc::Footnote>& notes) {
  // Referenced definitions are moved by cmark to the end of the document in
  // order of their index (1, 2, ...), which is also a reference's literal.
  int index = 0;
  std::set<std::string> taken;
  for (cmark_node* n = cmark_node_first_child(root); n; n = cmark_node_next(n))
    if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) {
      ++index;
      std::string id = footnote_label(n, index);
      if (id.empty() || !taken.insert(id).second) {  // ids must stay unique
        id = "note-" + std::to_string(index);
        while (!taken.insert(id).second) id += "x";
      }
      note_ids_[std::to_string(index)] = id;
    }
  index = 0;
  for (cmark_node* n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) {
      ++index;
      current_line_ = line_of(n);
      notes.push_back(doc::Footnote{note_ids_[std::to_string(index)], 0, blocks(n, 1)});
    } else {
      block(n, body, 0);
    }
  }
}

doc::Blocks NodeMapper::blocks(cmark_node* parent, int depth) {
  doc::Blocks out;
  if (depth > kMaxBlockDepth) {
    flatten_blocks(parent, out);
    repairs_.flattened = true;
    return out;
  }
  for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) block(n, out, depth);
  return out;
}

namespace {
bool is_inline_type(cmark_node* n) {
  const auto t = cmark_node_get_type(n);
  return (t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}
}  // namespace

void NodeMapper::flatten_blocks(cmark_node* parent, doc::Blocks& out) {
  // cmark_iter walks the tree iteratively. Each node that holds inlines
  // (paragraph, heading, table cell) or is a leaf block is mapped on its own,
  // with containers dropped: the text stays, the nesting goes.
  cmark_iter* it = cmark_iter_new(parent);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || n == parent) continue;
    const auto type = cmark_node_get_type(n);
    cmark_node* first = cmark_node_first_child(n);
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_CODE_BLOCK ||
        type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_THEMATIC_BREAK) {
      block(n, out, kMaxBlockDepth);
      cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
    } else if (first && is_inline_type(first)) {
      doc::Inlines content = inlines(n, 0);
      trim_inlines(content);
      if (!content.empty()) out.push_back(doc::paragraph(std::move(content), line_of(n)));
      cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
    }
  }
  cmark_iter_free(it);
}

void NodeMapper::flatten_inlines(cmark_node* parent, InlineBuilder& builder) {
  cmark_iter* it = cmark_iter_new(parent);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || n == parent) continue;
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: builder.append_text(literal(n)); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: builder.append_text(" "); break;
      default: break;
    }
  }
  cmark_iter_free(it);
}

void NodeMapper::block(cmark_node* node, doc::Blocks& out, int depth) {
  const int line = line_of(node);
  current_line_ = line;
  const bool too_deep = depth >= kMaxBlockDepth;
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH: {
      doc::Inlines content = inlines(node, 0);
      trim_inlines(content);
      if (content.empty() || is_attribute_list(content)) return;
      out.push_back(paragraph_block(std::move(content), line));
      return;
    }
    case CMARK_NODE_HEADING: {
      doc::Inlines content = inlines(node, 0);
      trim_inlines(content);
      strip_heading_attributes(content);
      if (content.empty()) return;  // "#" alone: nothing to show or link to
      int level = cmark_node_get_heading_level(node);
      level = level < 1 ? 1 : level > 6 ? 6 : level;
      out.push_back(doc::heading(level, std::move(content), line));
      return;
    }
    case CMARK_NODE_BLOCK_QUOTE: {
      doc::Blocks children = blocks(node, depth + 1);
      if (too_deep) {
        for (auto& b : children) out.push_back(std::move(b));
      } else if (!children.empty()) {
        out.push_back(doc::Block{doc::BlockQuote{std::move(children)}, line});
      }
      return;
    }
    case CMARK_NODE_LIST: {
      doc::List list;
      list.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
      list.start = list.ordered ? cmark_node_get_list_start(node) : 1;
      list.tight = cmark_node_get_list_tight(node) != 0;
      for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
        doc::ListItem li;
        li.children = blocks(item, depth + 1);
        if (is_cmark_type(item, "tasklist")) li.task = cmark_gfm_extensions_get_tasklist_item_checked(item) ? 1 : 0;
        if (too_deep) {
          for (auto& b : li.children) out.push_back(std::move(b));
        } else {
          list.items.push_back(std::move(li));
        }
      }
      if (!too_deep && !list.items.empty()) out.push_back(doc::Block{std::move(list), line});
      return;
    }
    case CMARK_NODE_ITEM:  // only inside lists; handled there
      for (auto& b : blocks(node, depth + 1)) out.push_back(std::move(b));
      return;
    case CMARK_NODE_CODE_BLOCK: {
      std::string text = literal(node);
      if (!text.empty() && text.back() == '\n') text.pop_back();
      out.push_back(doc::Block{doc::CodeBlock{std::move(text), language_of(node)}, line});
      return;
    }
    case CMARK_NODE_THEMATIC_BREAK:
      out.push_back(doc::Block{doc::SceneBreak{}, line});
      return;
    case CMARK_NODE_HTML_BLOCK:
      html_block(node, out);
      return;
    case CMARK_NODE_FOOTNOTE_DEFINITION:  // only at the top level (map_document)
      return;
    default:
      if (is_cmark_type(node, "table")) {
        out.push_back(doc::Block{table(node), line});
        return;
      }
      // Unknown container (custom block, future extension): keep its content.
      for (auto& b : blocks(node, depth + 1)) out.push_back(std::move(b));
      return;
  }
}

void NodeMapper::html_block(cmark_node* node, doc::Blocks& out) {
  const std::string html = literal(node);
  const int line = line_of(node);
  // As in GFM (and kramdown), a raw HTML block is HTML, not Markdown: its
  // text is shown as written. Only a block asking for Markdown with a
  // markdown="1" attribute (kramdown, PHP Markdown Extra) is parsed again.
  if (fragment_ || !html_block_asks_for_markdown(html)) {
    for (auto& b : html_block_to_blocks(html, image_maker(), line, repairs_)) out.push_back(std::move(b));
    return;
  }
  const std::string markdown = html_block_to_markdown(html, repairs_);
  if (markdown.find_first_not_of(" \t\n") == std::string::npos) return;
  CmarkDocument fragment = parse_cmark(markdown, CmarkOptions{false});
  NodeMapper mapper(images_, diag_, markdown, true, line);
  std::vector<doc::Footnote> none;
  mapper.map_document(fragment.get(), out, none);
  repairs_.flattened = repairs_.flattened || mapper.repairs_.flattened;
  for (auto& tag : mapper.repairs_.unclosed) repairs_.unclosed.push_back(std::move(tag));
}

doc::Table NodeMapper::table(cmark_node* node) {
  doc::Table t;
  const std::uint16_t columns = cmark_gfm_extensions_get_table_columns(node);
  const std::uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(node);
  for (std::uint16_t c = 0; c < columns; ++c) t.align.push_back(aligns ? align_of(aligns[c]) : doc::Align::Default);
  for (cmark_node* row = cmark_node_first_child(node); row; row = cmark_node_next(row)) {
    doc::TableRow r;
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
      doc::TableCell tc{inlines(cell, 0)};
      trim_inlines(tc.content);
      r.cells.push_back(std::move(tc));
    }
    const bool header = is_cmark_type(row, "table_header") || cmark_gfm_extensions_get_table_row_is_header(row);
    (header && t.body.empty() ? t.head : t.body).push_back(std::move(r));
  }
  return t;
}

doc::Inlines NodeMapper::inlines(cmark_node* parent, int depth) {
  InlineBuilder builder(image_maker());
  if (depth > kMaxInlineDepth) {
    flatten_inlines(parent, builder);
    repairs_.flattened = true;
  } else {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) inline_node(n, builder, depth);
  }
  doc::Inlines out = builder.finish();
  repairs_.add(builder);
  return out;
}

void NodeMapper::inline_node(cmark_node* node, InlineBuilder& builder, int depth) {
  const bool too_deep = depth >= kMaxInlineDepth;
  auto wrap = [&](auto make) {
    doc::Inlines children = inlines(node, depth + 1);
    if (children.empty()) return;
    if (too_deep) builder.append(std::move(children));
    else builder.append(doc::Inline{make(std::move(children))});
  };
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
      builder.append_text(literal(node));
      return;
    case CMARK_NODE_SOFTBREAK:
      if (!joins_without_space(node)) builder.append_text(" ");
      return;
    case CMARK_NODE_LINEBREAK:
      builder.append(doc::Inline{doc::LineBreak{}});
      return;
    case CMARK_NODE_CODE:
      builder.append(doc::Inline{doc::Code{literal(node)}});
      return;
    case CMARK_NODE_HTML_INLINE:
      for (const auto& tok : tokenize_html(literal(node))) builder.html(tok);
      return;
    case CMARK_NODE_EMPH:
      wrap([](doc::Inlines c) { return doc::Emphasis{std::move(c)}; });
      return;
    case CMARK_NODE_STRONG:
      wrap([](doc::Inlines c) { return doc::Strong{std::move(c)}; });
      return;
    case CMARK_NODE_LINK: {
      std::string url = url_of(node);
      doc::Inlines children = inlines(node, depth + 1);
      remove_links(children);
      if (children.empty() && !url.empty()) children.push_back(doc::text(url));
      const bool bad_host = !url.empty() && !uri_host_valid(url);
      if (bad_host) diag_.warn("a link to \"" + url + "\", whose host is not valid, is kept as text", line_of(node));
      if (url.empty() || bad_host || !is_safe_link_url(url) || too_deep)
        builder.append(std::move(children));
      else
        builder.append(doc::Inline{doc::Link{std::move(url), std::move(children), title_of(node)}});
      return;
    }
    case CMARK_NODE_IMAGE: {
      const std::string alt = doc::plain_text(inlines(node, depth + 1));
      builder.append(doc::Inline{image(url_of(node), alt, title_of(node))});
      return;
    }
    case CMARK_NODE_FOOTNOTE_REFERENCE: {
      const std::string index = literal(node);
      auto it = note_ids_.find(index);
      builder.append(doc::Inline{doc::NoteRef{it != note_ids_.end() ? it->second : index, 0}});
      return;
    }
    default:
      if (is_cmark_type(node, "strikethrough")) {
        wrap([](doc::Inlines c) { return doc::Strikeout{std::move(c)}; });
        return;
      }
      // Unknown inline container: keep its content.
      for (cmark_node* n = cmark_node_first_child(node); n; n = cmark_node_next(n)) inline_node(n, builder, depth + 1);
      return;
  }
}

}  // namespace galley::read::markdown

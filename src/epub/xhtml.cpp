#include "epub/xhtml.hpp"

#include <algorithm>
#include <cctype>
#include <functional>

#include "epub/text_utils.hpp"
#include "util/uri.hpp"

using tinyxml2::XMLElement;

namespace galley::epub {

// ---------------------------------------------------------------- page

XhtmlPage::XhtmlPage(const std::string& lang, bool rtl, const std::string& title, const std::string& css_href,
                     const std::string& body_type)
    : doc_(true, tinyxml2::PRESERVE_WHITESPACE) {
  XMLElement* html = doc_.NewElement("html");
  doc_.InsertEndChild(html);
  html->SetAttribute("xmlns", "http://www.w3.org/1999/xhtml");
  html->SetAttribute("xmlns:epub", "http://www.idpf.org/2007/ops");
  set_attr(html, "xml:lang", lang);
  set_attr(html, "lang", lang);
  if (rtl) html->SetAttribute("dir", "rtl");
  add_text(html, "\n");
  XMLElement* head = add_block(html, "head");
  add_text(head, "\n");
  XMLElement* t = add_block(head, "title");
  add_text(t, title.empty() ? std::string("Untitled") : title);
  if (!css_href.empty()) {
    XMLElement* link = add_block(head, "link");
    link->SetAttribute("rel", "stylesheet");
    link->SetAttribute("type", "text/css");
    set_attr(link, "href", css_href);
  }
  body_ = add_block(html, "body");
  if (!body_type.empty()) set_attr(body_, "epub:type", body_type);
  add_text(body_, "\n");
}

XMLElement* XhtmlPage::add(XMLElement* parent, const char* name) {
  XMLElement* e = doc_.NewElement(name);
  parent->InsertEndChild(e);
  return e;
}

XMLElement* XhtmlPage::add_block(XMLElement* parent, const char* name) {
  XMLElement* e = add(parent, name);
  parent->InsertEndChild(doc_.NewText("\n"));
  return e;
}

void XhtmlPage::add_text(XMLElement* parent, const std::string& utf8) {
  if (utf8.empty()) return;
  parent->InsertEndChild(doc_.NewText(xml_clean(utf8).c_str()));
}

std::string XhtmlPage::str() const {
  tinyxml2::XMLPrinter printer(nullptr, true);
  doc_.RootElement()->Accept(&printer);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n";
  out.append(printer.CStr(), static_cast<std::size_t>(printer.CStrSize() > 0 ? printer.CStrSize() - 1 : 0));
  out += '\n';
  return out;
}

void set_attr(XMLElement* e, const char* name, const std::string& value) {
  e->SetAttribute(name, xml_clean(value).c_str());
}

// ---------------------------------------------------------------- renderer

namespace {

bool allowed_scheme(const std::string& url) {
  std::size_t i = 0;
  while (i < url.size() && (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' || url[i] == '-' ||
                            url[i] == '.'))
    ++i;
  if (i == 0 || i >= url.size() || url[i] != ':' || !std::isalpha(static_cast<unsigned char>(url[0]))) return false;
  std::string scheme = url.substr(0, i);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  static const char* ok[] = {"http", "https", "mailto", "ftp", "ftps", "tel", "news", "irc", "urn", "doi"};
  for (const char* s : ok)
    if (scheme == s) {
      // "http:" alone or "http://" with no host is not a usable link.
      if ((scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "ftps") &&
          (url.size() <= i + 3 || url.compare(i, 3, "://") != 0))
        return false;
      return true;
    }
  return false;
}

std::string css_class_token(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if (std::isalnum(c) || c == '-' || c == '_') out += static_cast<char>(c);
  return out;
}

const char* align_class(doc::Align a) {
  switch (a) {
    case doc::Align::Left: return "align-left";
    case doc::Align::Center: return "align-center";
    case doc::Align::Right: return "align-right";
    default: return nullptr;
  }
}

bool has_visible_content(const doc::Inlines& ins) {
  if (!doc::plain_text(ins).empty()) return true;
  for (const auto& in : ins)
    if (std::holds_alternative<doc::Image>(in.node)) return true;
  return false;
}

void collect_heading_ids(const doc::Blocks& bs, std::unordered_set<std::string>& out) {
  for (const auto& b : bs)
    if (const auto* h = std::get_if<doc::Heading>(&b.node); h && !h->id.empty()) out.insert(h->id);
}

// Ids compared loosely: ASCII letters and digits only, lower case, so that
// "#Getting-Started" or "#getting_started" find the heading "getting-started".
std::string loose_id(const std::string& id) {
  std::string out;
  for (unsigned char c : id)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace

void Renderer::set_id_file(std::unordered_map<std::string, std::string> map) {
  id_file_ = std::move(map);
  loose_ids_.clear();
  std::unordered_set<std::string> ambiguous;
  for (const auto& [id, file] : id_file_) {
    const std::string key = loose_id(id);
    if (key.empty()) continue;
    if (!loose_ids_.emplace(key, id).second) ambiguous.insert(key);
  }
  for (const auto& key : ambiguous) loose_ids_.erase(key);
}

Renderer::Renderer(const doc::Document& doc, ImageStore& images, Diagnostics& diag)
    : doc_(doc), images_(images), diag_(diag) {
  collect_heading_ids(doc.front_matter, heading_ids_);
  collect_heading_ids(doc.body, heading_ids_);
  collect_heading_ids(doc.back_matter, heading_ids_);
  for (const auto& n : doc.footnotes) note_ids_.insert(std::to_string(n.number));
}

std::string Renderer::note_id(int number) const {
  const std::string id = "fn-" + std::to_string(number);
  return heading_ids_.count(id) ? "fn_" + std::to_string(number) : id;
}

std::string Renderer::noteref_id(int number, int occurrence) const {
  std::string id = "fnref-" + std::to_string(number);
  if (occurrence > 1) id += "-" + std::to_string(occurrence);
  if (heading_ids_.count(id)) id[5] = '_';
  return id;
}

void Renderer::blocks(XhtmlPage& page, XMLElement* parent, std::span<const doc::Block> bs, const std::string& file,
                      HeadingLevels& levels) {
  for (const auto& b : bs) block(page, parent, b, file, levels);
}

void Renderer::block(XhtmlPage& page, XMLElement* parent, const doc::Block& b, const std::string& file,
                     HeadingLevels& levels) {
  std::visit(doc::overloaded{
                 [&](const doc::Heading& h) {
                   if (!has_visible_content(h.content)) {
                     // Nothing to read: keep the anchor, drop the empty heading.
                     if (!h.id.empty()) set_attr(page.add_block(parent, "div"), "id", h.id);
                     return;
                   }
                   const std::string tag = "h" + std::to_string(levels.map(h.level));
                   XMLElement* e = page.add_block(parent, tag.c_str());
                   if (!h.id.empty()) set_attr(e, "id", h.id);
                   inlines(page, e, h.content, file);
                 },
                 [&](const doc::Paragraph& p) {
                   if (p.content.empty()) return;
                   XMLElement* e = page.add_block(parent, "p");
                   inlines(page, e, p.content, file);
                   flush_breaks(page, e, file);
                 },
                 [&](const doc::BlockQuote& q) {
                   XMLElement* e = page.add_block(parent, "blockquote");
                   page.add_text(e, "\n");
                   blocks(page, e, q.children, file, levels);
                 },
                 [&](const doc::List& l) { list(page, parent, l, file, levels); },
                 [&](const doc::CodeBlock& c) {
                   XMLElement* pre = page.add_block(parent, "pre");
                   XMLElement* code = page.add(pre, "code");
                   const std::string lang = css_class_token(c.language);
                   if (!lang.empty()) code->SetAttribute("class", ("language-" + lang).c_str());
                   std::string text = c.text;
                   while (!text.empty() && text.back() == '\n') text.pop_back();
                   text_with_breaks(page, code, text, file);
                   flush_breaks(page, code, file);
                 },
                 [&](const doc::SceneBreak&) {
                   XMLElement* hr = page.add_block(parent, "hr");
                   hr->SetAttribute("class", "scene-break");
                 },
                 [&](const doc::Table& t) { table(page, parent, t, file); },
                 [&](const doc::Figure& f) {
                   XMLElement* fig = page.add_block(parent, "figure");
                   image(page, fig, f.image);
                   if (!f.caption.empty()) inlines(page, page.add(fig, "figcaption"), f.caption, file);
                 },
             },
             b.node);
}

void Renderer::list(XhtmlPage& page, XMLElement* parent, const doc::List& l, const std::string& file,
                    HeadingLevels& levels) {
  if (l.items.empty()) return;
  XMLElement* e = page.add_block(parent, l.ordered ? "ol" : "ul");
  if (l.ordered && l.start != 1) e->SetAttribute("start", l.start);
  page.add_text(e, "\n");
  for (const auto& item : l.items) {
    XMLElement* li = page.add_block(e, "li");
    if (item.task >= 0) {
      li->SetAttribute("class", "task");
      XMLElement* box = page.add(li, "span");
      box->SetAttribute("class", "task-box");
      box->SetAttribute("role", "img");
      box->SetAttribute("aria-label", item.task ? "done" : "not done");
      page.add_text(box, item.task ? "\u2611" : "\u2610");
      page.add_text(li, " ");
    }
    const bool single_para = item.children.size() == 1 && std::holds_alternative<doc::Paragraph>(item.children[0].node);
    if (single_para && (l.tight || item.task >= 0)) {
      inlines(page, li, std::get<doc::Paragraph>(item.children[0].node).content, file);
    } else {
      blocks(page, li, item.children, file, levels);
    }
  }
}

void Renderer::table(XhtmlPage& page, XMLElement* parent, const doc::Table& t, const std::string& file) {
  if (t.head.empty() && t.body.empty()) return;
  XMLElement* table = page.add_block(parent, "table");
  page.add_text(table, "\n");
  if (!t.caption.empty()) inlines(page, page.add_block(table, "caption"), t.caption, file);
  auto rows = [&](const std::vector<doc::TableRow>& rs, const char* group, bool head) {
    if (rs.empty()) return;
    XMLElement* g = page.add_block(table, group);
    page.add_text(g, "\n");
    for (const auto& r : rs) {
      XMLElement* tr = page.add_block(g, "tr");
      for (std::size_t i = 0; i < r.cells.size(); ++i) {
        const auto& cell = r.cells[i];
        const bool th = head && has_visible_content(cell.content);
        XMLElement* c = page.add(tr, th ? "th" : "td");
        if (th) c->SetAttribute("scope", "col");
        if (i < t.align.size())
          if (const char* cls = align_class(t.align[i])) c->SetAttribute("class", cls);
        inlines(page, c, cell.content, file);
      }
    }
  };
  rows(t.head, "thead", true);
  rows(t.body, "tbody", false);
}

void Renderer::image(XhtmlPage& page, XMLElement* parent, const doc::Image& img) {
  const ImageItem* item = img.path.empty() ? nullptr : images_.get(img.path);
  if (!item) {
    // A missing image shows its alt text, as the PDF does; without one,
    // nothing (the reader has warned that the image is missing).
    if (img.alt.empty()) return;
    XMLElement* span = page.add(parent, "span");
    span->SetAttribute("class", "image-missing");
    page.add_text(span, img.alt);
    return;
  }
  any_image_ = true;
  if (img.alt.empty()) all_alt_ = false;
  XMLElement* e = page.add(parent, "img");
  set_attr(e, "src", item->href.substr(0));
  set_attr(e, "alt", img.alt);
  if (!img.title.empty()) set_attr(e, "title", img.title);
}

void Renderer::note_ref(XhtmlPage& page, XMLElement* parent, const doc::NoteRef& r, const std::string& file) {
  const std::string num = std::to_string(r.number);
  if (r.number <= 0 || !note_ids_.count(num) || notes_file_.empty()) {
    page.add_text(parent, "[" + (r.id.empty() ? num : r.id) + "]");
    return;
  }
  const int occurrence = ++ref_count_[r.number];
  const std::string id = noteref_id(r.number, occurrence);
  XMLElement* a = page.add(parent, "a");
  a->SetAttribute("epub:type", "noteref");
  a->SetAttribute("role", "doc-noteref");
  a->SetAttribute("class", "noteref");
  set_attr(a, "id", id);
  set_attr(a, "href", (file == notes_file_ ? std::string() : notes_file_) + "#" + note_id(r.number));
  page.add_text(a, num);
  if (occurrence == 1) first_ref_[r.number] = file + "#" + id;
}

void Renderer::link(XhtmlPage& page, XMLElement* parent, const doc::Link& l, const std::string& file) {
  std::string href;
  if (!l.url.empty() && l.url[0] == '#') {
    std::string id = l.url.substr(1);
    auto it = id_file_.find(id);
    if (it == id_file_.end()) {
      if (auto loose = loose_ids_.find(loose_id(id)); loose != loose_ids_.end()) {
        id = loose->second;
        it = id_file_.find(id);
      }
    }
    if (it != id_file_.end()) href = (it->second == file ? std::string() : it->second) + "#" + id;
  } else if (allowed_scheme(l.url)) {
    href = percent_encode_uri(xml_clean(l.url));
  }
  if (href.empty()) {
    if (warned_links_.insert(l.url).second)
      diag_.warn("link target '" + l.url + "' is not in the book and not a web address; kept as plain text");
    if (l.children.empty()) page.add_text(parent, l.url);
    else inlines(page, parent, l.children, file);
    return;
  }
  XMLElement* a = page.add(parent, "a");
  set_attr(a, "href", href);
  if (!l.title.empty()) set_attr(a, "title", l.title);
  if (l.children.empty() || !has_visible_content(l.children)) page.add_text(a, l.url);
  // Links cannot nest: inner links and note references become text.
  doc::Inlines flat;
  std::function<void(const doc::Inlines&, doc::Inlines&)> strip = [&](const doc::Inlines& in, doc::Inlines& out) {
    for (const auto& x : in) {
      if (const auto* inner = std::get_if<doc::Link>(&x.node)) {
        strip(inner->children, out);
      } else if (const auto* nr = std::get_if<doc::NoteRef>(&x.node)) {
        out.push_back(doc::text("[" + std::to_string(nr->number) + "]"));
      } else if (const auto* em = std::get_if<doc::Emphasis>(&x.node)) {
        doc::Emphasis e2;
        strip(em->children, e2.children);
        out.push_back(doc::Inline{std::move(e2)});
      } else if (const auto* st = std::get_if<doc::Strong>(&x.node)) {
        doc::Strong s2;
        strip(st->children, s2.children);
        out.push_back(doc::Inline{std::move(s2)});
      } else if (const auto* so = std::get_if<doc::Strikeout>(&x.node)) {
        doc::Strikeout s2;
        strip(so->children, s2.children);
        out.push_back(doc::Inline{std::move(s2)});
      } else {
        out.push_back(x);
      }
    }
  };
  strip(l.children, flat);
  inlines(page, a, flat, file);
}

void Renderer::inlines(XhtmlPage& page, XMLElement* parent, const doc::Inlines& ins, const std::string& file) {
  for (const auto& in : ins) {
    std::visit(doc::overloaded{
                   [&](const doc::Text& t) { text_with_breaks(page, parent, t.text, file); },
                   [&](const doc::Emphasis& e) { inlines(page, page.add(parent, "em"), e.children, file); },
                   [&](const doc::Strong& e) { inlines(page, page.add(parent, "strong"), e.children, file); },
                   [&](const doc::Strikeout& e) { inlines(page, page.add(parent, "s"), e.children, file); },
                   [&](const doc::Code& c) { text_with_breaks(page, page.add(parent, "code"), c.text, file); },
                   [&](const doc::Link& l) { link(page, parent, l, file); },
                   [&](const doc::LineBreak&) {
                     page.add(parent, "br");
                     if (cur_breaks_) ++cur_pos_;  // plain_text counts it as one space
                   },
                   [&](const doc::NoteRef& r) { note_ref(page, parent, r, file); },
                   [&](const doc::Image& img) {
                     // The alternative text counts in plain_text; a break in it goes before the image.
                     if (cur_breaks_) {
                       const std::size_t end = cur_pos_ + img.alt.size();
                       while (cur_next_ < cur_breaks_->size() && (*cur_breaks_)[cur_next_].first < end)
                         page_marker(page, parent, (*cur_breaks_)[cur_next_++].second, file);
                       cur_pos_ = end;
                     }
                     image(page, parent, img);
                   },
               },
               in.node);
  }
}

// ---------------------------------------------------------------- page breaks

void Renderer::set_page_breaks(const std::vector<PageBreak>& breaks) {
  breaks_.clear();
  for (const auto& b : breaks) breaks_[b.block].emplace_back(b.offset, b.label);
  for (auto& [block, list] : breaks_)
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

void Renderer::body_blocks(XhtmlPage& page, XMLElement* parent, std::size_t begin, std::size_t end,
                           const std::string& file, HeadingLevels& levels) {
  const doc::Blocks& body = doc_.body;
  end = std::min(end, body.size());
  for (std::size_t i = begin; i < end; ++i) {
    const doc::Block& b = body[i];
    auto it = breaks_.find(i);
    if (it != breaks_.end()) {
      // Text is split at the break inside paragraphs and code; every other
      // block (headings, lists, quotes, tables...) gets its markers before it.
      const auto* para = std::get_if<doc::Paragraph>(&b.node);
      const bool split = (para && !para->content.empty()) || std::holds_alternative<doc::CodeBlock>(b.node);
      if (split) {
        cur_breaks_ = &it->second;
        cur_next_ = 0;
        cur_pos_ = 0;
      } else {
        for (const auto& [offset, label] : it->second) page_marker(page, parent, label, file);
      }
    }
    block(page, parent, b, file, levels);
    cur_breaks_ = nullptr;
  }
}

void Renderer::page_marker(XhtmlPage& page, XMLElement* parent, const std::string& label, const std::string& file) {
  std::string token;
  for (unsigned char c : label) token += std::isalnum(c) ? static_cast<char>(c) : '-';
  std::string id = "page-" + token;
  for (int n = 2; heading_ids_.count(id) || !marker_ids_.insert(id).second; ++n)
    id = "page-" + token + "-" + std::to_string(n);
  XMLElement* span = page.add(parent, "span");
  span->SetAttribute("epub:type", "pagebreak");
  span->SetAttribute("role", "doc-pagebreak");
  set_attr(span, "id", id);
  set_attr(span, "aria-label", label);
  markers_.push_back({label, file + "#" + id});
}

void Renderer::text_with_breaks(XhtmlPage& page, XMLElement* parent, const std::string& text, const std::string& file) {
  if (!cur_breaks_) {
    page.add_text(parent, text);
    return;
  }
  const std::size_t start = cur_pos_, end = cur_pos_ + text.size();
  std::size_t from = 0;
  while (cur_next_ < cur_breaks_->size() && (*cur_breaks_)[cur_next_].first < end) {
    std::size_t at = std::max((*cur_breaks_)[cur_next_].first, start) - start;
    // Never inside a UTF-8 sequence: back up to the character's first byte.
    while (at > from && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    at = std::max(at, from);
    page.add_text(parent, text.substr(from, at - from));
    from = at;
    page_marker(page, parent, (*cur_breaks_)[cur_next_++].second, file);
  }
  page.add_text(parent, text.substr(from));
  cur_pos_ = end;
}

void Renderer::flush_breaks(XhtmlPage& page, XMLElement* parent, const std::string& file) {
  if (!cur_breaks_) return;
  while (cur_next_ < cur_breaks_->size()) page_marker(page, parent, (*cur_breaks_)[cur_next_++].second, file);
}

std::string Renderer::free_id(const std::string& base) const {
  std::string id = base;
  while (heading_ids_.count(id)) id += '_';
  return id;
}

std::string Renderer::notes_page(const std::string& lang, bool rtl, const std::string& title,
                                 const std::string& css_href) {
  XhtmlPage page(lang, rtl, title, css_href, "backmatter");
  notes_section(page, page.body(), title);
  return page.str();
}

void Renderer::notes_section(XhtmlPage& page, XMLElement* parent, const std::string& title) {
  XMLElement* section = page.add_block(parent, "section");
  section->SetAttribute("class", "notes");
  page.add_text(section, "\n");
  HeadingLevels levels(1);
  levels.map(1);
  XMLElement* h = page.add_block(section, "h1");
  set_attr(h, "id", free_id("notes"));
  page.add_text(h, title);
  for (const auto& note : doc_.footnotes) {
    XMLElement* aside = page.add_block(section, "aside");
    aside->SetAttribute("epub:type", "footnote");
    aside->SetAttribute("role", "doc-footnote");
    aside->SetAttribute("class", "footnote");
    set_attr(aside, "id", note_id(note.number));
    page.add_text(aside, "\n");
    const std::string label = std::to_string(note.number) + ".";
    auto add_label = [&](XMLElement* p) {
      if (auto it = first_ref_.find(note.number); it != first_ref_.end()) {
        XMLElement* a = page.add(p, "a");
        a->SetAttribute("role", "doc-backlink");
        a->SetAttribute("class", "backlink");
        set_attr(a, "href", it->second);
        page.add_text(a, label);
      } else {
        XMLElement* span = page.add(p, "span");
        span->SetAttribute("class", "note-number");
        page.add_text(span, label);
      }
      page.add_text(p, " ");
    };
    const bool para_first = !note.content.empty() && std::holds_alternative<doc::Paragraph>(note.content[0].node);
    if (para_first) {
      XMLElement* p = page.add_block(aside, "p");
      add_label(p);
      inlines(page, p, std::get<doc::Paragraph>(note.content[0].node).content, notes_file_);
      blocks(page, aside, std::span<const doc::Block>(note.content).subspan(1), notes_file_, levels);
    } else {
      add_label(page.add_block(aside, "p"));
      blocks(page, aside, note.content, notes_file_, levels);
    }
  }
}

}  // namespace galley::epub

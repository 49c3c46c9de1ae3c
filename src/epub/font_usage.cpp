// Which characters each face of the stylesheet shows (see fonts.hpp).
#include <algorithm>
#include <string>
#include <vector>

#include "epub/fonts.hpp"
#include "epub/text_utils.hpp"

namespace galley::epub {

namespace {

struct Style {
  bool italic = false;
  bool bold = false;
  bool mono = false;
  Face face() const {
    if (mono) return bold ? MonoBold : Mono;
    if (italic) return bold ? BoldItalic : Italic;
    return bold ? Bold : Regular;
  }
};

class Collector {
 public:
  Collector() {
    for (auto& bits : seen_) bits.assign(0x110000, false);
  }

  void add(std::string_view text, Style s) {
    auto& bits = seen_[s.face()];
    auto& list = usage_[s.face()];
    for_each_codepoint(text, [&](char32_t c) {
      if (c < 0x20 || c > 0x10FFFF || bits[c]) return;
      bits[c] = true;
      list.push_back(c);
    });
  }

  void inlines(const doc::Inlines& ins, Style s) {
    for (const auto& in : ins) {
      std::visit(doc::overloaded{
                     [&](const doc::Text& t) { add(t.text, s); },
                     [&](const doc::Emphasis& e) {
                       Style t = s;
                       t.italic = true;
                       inlines(e.children, t);
                     },
                     [&](const doc::Strong& e) {
                       Style t = s;
                       t.bold = true;
                       inlines(e.children, t);
                     },
                     [&](const doc::Strikeout& e) { inlines(e.children, s); },
                     [&](const doc::Code& c) {
                       Style t = s;
                       t.mono = true;
                       add(c.text, t);
                     },
                     [&](const doc::Link& l) {
                       if (l.children.empty()) add(l.url, s);
                       else inlines(l.children, s);
                     },
                     [&](const doc::LineBreak&) {},
                     [&](const doc::NoteRef& r) { add(r.number > 0 ? std::to_string(r.number) : r.id, Style{}); },
                     [&](const doc::Image& img) {
                       // Missing images show their alt text (or a placeholder) instead.
                       if (img.path.empty()) add(img.alt.empty() ? std::string("[image]") : img.alt, s);
                     },
                 },
                 in.node);
    }
  }

  void blocks(const doc::Blocks& bs, Style s) {
    for (const auto& b : bs) {
      std::visit(doc::overloaded{
                     [&](const doc::Heading& h) { inlines(h.content, s); },
                     [&](const doc::Paragraph& p) { inlines(p.content, s); },
                     [&](const doc::BlockQuote& q) { blocks(q.children, s); },
                     [&](const doc::List& l) {
                       // Markers drawn by the reading system: digits, '.', bullets; task boxes.
                       add("0123456789.\u2022\u25E6\u25AA", Style{});
                       for (const auto& item : l.items) {
                         if (item.task >= 0) add("\u2610\u2611", Style{});
                         blocks(item.children, s);
                       }
                     },
                     [&](const doc::CodeBlock& c) {
                       Style t = s;
                       t.mono = true;
                       add(c.text, t);
                     },
                     [&](const doc::SceneBreak&) { add("*", Style{}); },
                     [&](const doc::Table& t) {
                       Style head = s;
                       head.bold = true;
                       for (const auto& r : t.head)
                         for (const auto& c : r.cells) inlines(c.content, head);
                       for (const auto& r : t.body)
                         for (const auto& c : r.cells) inlines(c.content, s);
                       inlines(t.caption, s);
                     },
                     [&](const doc::Figure& f) {
                       if (f.image.path.empty())
                         add(f.image.alt.empty() ? std::string("[image]") : f.image.alt, s);
                       inlines(f.caption, s);
                     },
                 },
                 b.node);
    }
  }

  FaceUsage finish() {
    for (int f = 0; f < FaceCount; ++f) {
      auto& list = usage_[f];
      if (list.empty()) continue;
      // Spaces and the hyphens a reading system inserts when it hyphenates.
      if (f != Mono && f != MonoBold) {
        for (char32_t c : {U' ', U'\u00A0', U'-', U'\u2010', U'\u00AD'})
          if (!seen_[f][c]) {
            seen_[f][c] = true;
            list.push_back(c);
          }
      } else if (!seen_[f][U' ']) {
        list.push_back(U' ');
      }
      std::sort(list.begin(), list.end());
    }
    return usage_;
  }

 private:
  std::array<std::vector<bool>, FaceCount> seen_;
  FaceUsage usage_;
};

}  // namespace

FaceUsage collect_usage(const doc::Document& doc, const std::vector<std::string>& labels) {
  Collector c;
  const auto& m = doc.metadata;
  c.add(m.title, Style{});
  c.add(m.subtitle, Style{true, false, false});
  for (const auto& a : m.authors) c.add(a, Style{});
  c.add(m.publisher, Style{});
  c.add(m.date, Style{});
  for (const auto& l : labels) c.add(l, Style{});
  c.blocks(doc.front_matter, Style{});
  c.blocks(doc.body, Style{});
  c.blocks(doc.back_matter, Style{});
  for (const auto& note : doc.footnotes) {
    c.add(std::to_string(note.number) + ".", Style{});
    c.blocks(note.content, Style{});
  }
  // Navigation documents repeat the heading texts in the regular face.
  for (const auto* e : doc::flatten(doc.toc)) c.add(e->text, Style{});
  return c.finish();
}

}  // namespace galley::epub

#include "doc/document.hpp"

namespace galley::doc {

namespace {
void append(std::string& out, const Inlines& inlines) {
  for (const auto& in : inlines) {
    std::visit(overloaded{
                   [&](const Text& t) { out += t.text; },
                   [&](const Emphasis& e) { append(out, e.children); },
                   [&](const Strong& s) { append(out, s.children); },
                   [&](const Strikeout& s) { append(out, s.children); },
                   [&](const Code& c) { out += c.text; },
                   [&](const Link& l) { append(out, l.children); },
                   [&](const LineBreak&) { out += ' '; },
                   [&](const NoteRef&) {},
                   [&](const Image& i) { out += i.alt; },
               },
               in.node);
  }
}

void append(std::string& out, const Blocks& blocks) {
  auto line = [&](const Inlines& content) {
    if (!out.empty() && out.back() != '\n') out += '\n';
    append(out, content);
    out += '\n';
  };
  for (const auto& b : blocks) {
    std::visit(overloaded{
                   [&](const Heading& h) { line(h.content); },
                   [&](const Paragraph& p) { line(p.content); },
                   [&](const BlockQuote& q) { append(out, q.children); },
                   [&](const List& l) {
                     for (const auto& item : l.items) append(out, item.children);
                   },
                   [&](const CodeBlock& c) { out += c.text; out += '\n'; },
                   [&](const SceneBreak&) {},
                   [&](const Table& t) {
                     for (const auto* rows : {&t.head, &t.body})
                       for (const auto& r : *rows)
                         for (const auto& c : r.cells) line(c.content);
                     if (!t.caption.empty()) line(t.caption);
                   },
                   [&](const Figure& f) {
                     out += f.image.alt;
                     out += '\n';
                     if (!f.caption.empty()) line(f.caption);
                   },
               },
               b.node);
  }
}
}  // namespace

std::string plain_text(const Inlines& inlines) {
  std::string out;
  append(out, inlines);
  return out;
}

std::string plain_text(const Blocks& blocks) {
  std::string out;
  append(out, blocks);
  return out;
}

}  // namespace galley::doc

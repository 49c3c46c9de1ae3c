#include "doc/json.hpp"

namespace galley::doc {

using nlohmann::json;

json to_json(const Inlines& inlines) {
  json out = json::array();
  for (const auto& in : inlines) {
    out.push_back(std::visit(
        overloaded{
            [](const Text& t) { return json{{"type", "text"}, {"text", t.text}}; },
            [](const Emphasis& e) { return json{{"type", "emphasis"}, {"children", to_json(e.children)}}; },
            [](const Strong& e) { return json{{"type", "strong"}, {"children", to_json(e.children)}}; },
            [](const Strikeout& e) { return json{{"type", "strikeout"}, {"children", to_json(e.children)}}; },
            [](const Code& c) { return json{{"type", "code"}, {"text", c.text}}; },
            [](const Link& l) {
              json j{{"type", "link"}, {"url", l.url}, {"children", to_json(l.children)}};
              if (!l.title.empty()) j["title"] = l.title;
              return j;
            },
            [](const LineBreak&) { return json{{"type", "line_break"}}; },
            [](const NoteRef& r) { return json{{"type", "note_ref"}, {"id", r.id}, {"number", r.number}}; },
            [](const Image& i) {
              return json{{"type", "image"}, {"src", i.src}, {"alt", i.alt}, {"found", !i.path.empty()}};
            },
        },
        in.node));
  }
  return out;
}

namespace {
const char* align_name(Align a) {
  switch (a) {
    case Align::Left: return "left";
    case Align::Center: return "center";
    case Align::Right: return "right";
    default: return "default";
  }
}

json rows_json(const std::vector<TableRow>& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json cells = json::array();
    for (const auto& c : r.cells) cells.push_back(to_json(c.content));
    out.push_back(cells);
  }
  return out;
}

json toc_json(const std::vector<TocEntry>& entries) {
  json out = json::array();
  for (const auto& e : entries) {
    json j{{"level", e.level}, {"id", e.id}, {"text", e.text}};
    if (!e.children.empty()) j["children"] = toc_json(e.children);
    out.push_back(j);
  }
  return out;
}
}  // namespace

json to_json(const Blocks& blocks) {
  json out = json::array();
  for (const auto& b : blocks) {
    json j = std::visit(
        overloaded{
            [](const Heading& h) {
              return json{{"type", "heading"}, {"level", h.level}, {"id", h.id}, {"text", plain_text(h.content)},
                          {"content", to_json(h.content)}};
            },
            [](const Paragraph& p) {
              return json{{"type", "paragraph"}, {"text", plain_text(p.content)}, {"content", to_json(p.content)}};
            },
            [](const BlockQuote& q) { return json{{"type", "block_quote"}, {"children", to_json(q.children)}}; },
            [](const List& l) {
              json items = json::array();
              for (const auto& item : l.items) {
                json it{{"type", "list_item"}, {"children", to_json(item.children)}};
                if (item.task >= 0) it["checked"] = item.task == 1;
                items.push_back(it);
              }
              json j{{"type", l.ordered ? "ordered_list" : "bullet_list"}, {"tight", l.tight}, {"children", items}};
              if (l.ordered) j["start"] = l.start;
              return j;
            },
            [](const CodeBlock& c) {
              json j{{"type", "code_block"}, {"text", c.text}};
              if (!c.language.empty()) j["language"] = c.language;
              return j;
            },
            [](const SceneBreak&) { return json{{"type", "scene_break"}}; },
            [](const Table& t) {
              json align = json::array();
              for (auto a : t.align) align.push_back(align_name(a));
              return json{{"type", "table"}, {"align", align}, {"head", rows_json(t.head)},
                          {"body", rows_json(t.body)}, {"caption", to_json(t.caption)}};
            },
            [](const Figure& f) {
              return json{{"type", "figure"}, {"src", f.image.src}, {"alt", f.image.alt},
                          {"found", !f.image.path.empty()}, {"caption", to_json(f.caption)}};
            },
        },
        b.node);
    if (b.line > 0) j["line"] = b.line;
    out.push_back(std::move(j));
  }
  return out;
}

json to_json(const Document& doc) {
  const auto& m = doc.metadata;
  json meta{{"title", m.title}, {"language", m.language}, {"identifier", m.identifier}, {"authors", m.authors}};
  auto opt = [&](const char* key, const std::string& v) {
    if (!v.empty()) meta[key] = v;
  };
  opt("subtitle", m.subtitle);
  opt("date", m.date);
  opt("publisher", m.publisher);
  opt("rights", m.rights);
  opt("description", m.description);
  opt("source", m.source);
  opt("cover", m.cover);
  if (!m.subjects.empty()) meta["subjects"] = m.subjects;
  json notes = json::array();
  for (const auto& n : doc.footnotes)
    notes.push_back(json{{"id", n.id}, {"number", n.number}, {"children", to_json(n.content)}});
  return json{{"metadata", meta},
              {"front_matter", to_json(doc.front_matter)},
              {"blocks", to_json(doc.body)},
              {"back_matter", to_json(doc.back_matter)},
              {"footnotes", notes},
              {"toc", toc_json(doc.toc.entries)}};
}

}  // namespace galley::doc

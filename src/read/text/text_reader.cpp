// The plain-text reader: recovers the implicit structure of plain text.
//
//   lines.hpp      one line on its own (markers, punctuation, case)
//   gutenberg.hpp  the Project Gutenberg header and footer, and their metadata
//   units.hpp      lines grouped into paragraphs, items, quotes; wrapped or not
//   headings.hpp   headings, the title, chapters of books
//   inlines.hpp    inline content
//
// This file puts them together and turns units into doc::Blocks.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "read/reader.hpp"
#include "read/text/gutenberg.hpp"
#include "read/text/headings.hpp"
#include "read/text/inlines.hpp"
#include "read/text/lines.hpp"
#include "read/text/units.hpp"

namespace galley::read {

namespace {

using text::Decision;
using text::Role;
using text::Unit;
using text::UnitKind;

struct Builder {
  bool emphasis = false;

  doc::Inlines inlines(std::string_view s) const { return text::make_inlines(s, emphasis); }

  // A paragraph's lines joined with spaces; lines that were all broken by
  // hand (verse, addresses) keep their breaks.
  doc::Inlines unit_inlines(const Unit& u, bool keep_breaks) const {
    const bool all_hard = u.parts.size() > 1 && std::all_of(u.hard.begin(), u.hard.end(), [](bool h) { return h; });
    if (!(keep_breaks && all_hard)) return inlines(u.joined());
    doc::Inlines out;
    for (std::size_t k = 0; k < u.parts.size(); ++k) {
      if (k > 0) out.push_back(doc::Inline{doc::LineBreak{}});
      for (auto& in : inlines(u.parts[k])) out.push_back(std::move(in));
    }
    return out;
  }

  // Indented lines that read as program text rather than prose.
  static bool looks_like_code(const Unit& u) {
    int code = 0, lines = 0;
    for (std::string_view p : u.parts) {
      if (p.empty()) continue;
      ++lines;
      const char last = p.back();
      if (last == '{' || last == '}' || p.starts_with("}") || p.starts_with("//") || p.starts_with("#include") ||
          p.starts_with("#!") || p.starts_with("</") || p.starts_with("$ ") || p.find("();") != std::string_view::npos ||
          p.find(" = ") != std::string_view::npos || p.find("==") != std::string_view::npos ||
          p.find("=>") != std::string_view::npos || p.find("->") != std::string_view::npos ||
          p.find("::") != std::string_view::npos || (p.starts_with("<") && p.size() > 1 && std::isalpha(static_cast<unsigned char>(p[1]))))
        ++code;
    }
    return lines > 0 && code * 2 >= lines;
  }

  // Units [begin, end) with their decisions into blocks.
  doc::Blocks blocks(const std::vector<Unit>& units, const std::vector<Decision>& decisions, std::size_t begin,
                     std::size_t end, bool wrapped) const {
    doc::Blocks out;
    for (std::size_t i = begin; i < end;) {
      const Unit& u = units[i];
      const Decision& d = decisions[i];
      switch (d.role) {
        case Role::Title:
        case Role::Absorbed:
          ++i;
          break;
        case Role::Heading: {
          doc::Inlines content = inlines(d.text);
          if (!d.second.empty()) {  // "1" over "The Old Sea-dog": two lines, one heading
            content.push_back(doc::Inline{doc::LineBreak{}});
            for (auto& in : inlines(d.second)) content.push_back(std::move(in));
          }
          out.push_back(doc::heading(d.level, std::move(content), u.line));
          ++i;
          break;
        }
        case Role::Paragraph:
        case Role::Byline:
          out.push_back(doc::paragraph(unit_inlines(u, wrapped), u.line));
          ++i;
          break;
        case Role::Break:
          // "*  *  *" repeated on consecutive lines is one break.
          if (out.empty() || !std::holds_alternative<doc::SceneBreak>(out.back().node))
            out.push_back(doc::Block{doc::SceneBreak{}, u.line});
          ++i;
          break;
        case Role::Item: {
          doc::List list;
          list.ordered = u.ordered;
          list.start = u.ordered ? u.number : 1;
          const int line = u.line;
          std::size_t j = i;
          while (j < end && decisions[j].role == Role::Item && units[j].ordered == u.ordered) {
            if (j > i && units[j].blank_before > 0) list.tight = false;
            doc::ListItem item;
            item.children.push_back(doc::paragraph(inlines(units[j].joined()), units[j].line));
            const int indent = units[j].indent, column = units[j].content_column;
            ++j;
            // Paragraphs indented under the item's text belong to it.
            while (j < end && units[j].indent > indent && units[j].indent <= column + 1 &&
                   (decisions[j].role == Role::Indented || decisions[j].role == Role::Paragraph)) {
              item.children.push_back(doc::paragraph(unit_inlines(units[j], true), units[j].line));
              list.tight = false;
              ++j;
            }
            list.items.push_back(std::move(item));
          }
          out.push_back(doc::Block{std::move(list), line});
          i = j;
          break;
        }
        case Role::Quote: {
          doc::BlockQuote q;
          std::size_t j = i;
          for (; j < end && decisions[j].role == Role::Quote; ++j)
            q.children.push_back(doc::paragraph(unit_inlines(units[j], wrapped), units[j].line));
          out.push_back(doc::Block{std::move(q), u.line});
          i = j;
          break;
        }
        case Role::Indented: {
          if (looks_like_code(u)) {
            std::string code;
            for (std::size_t k = 0; k < u.parts.size(); ++k) {
              if (k > 0) code += '\n';
              code += u.parts[k];
            }
            out.push_back(doc::Block{doc::CodeBlock{std::move(code), ""}, u.line});
            ++i;
            break;
          }
          doc::BlockQuote q;
          std::size_t j = i;
          for (; j < end && decisions[j].role == Role::Indented && !looks_like_code(units[j]); ++j)
            q.children.push_back(doc::paragraph(unit_inlines(units[j], true), units[j].line));
          out.push_back(doc::Block{std::move(q), u.line});
          i = j;
          break;
        }
      }
    }
    return out;
  }

  // Header or footer lines as plain paragraphs.
  doc::Blocks matter(const std::vector<text::Line>& lines, std::size_t begin, std::size_t end) const {
    const text::Segmentation seg = text::segment(lines, begin, end);
    doc::Blocks out;
    for (const Unit& u : seg.units) {
      if (u.kind == UnitKind::Break) out.push_back(doc::Block{doc::SceneBreak{}, u.line});
      else out.push_back(doc::paragraph({doc::text(u.joined())}, u.line));
    }
    return out;
  }
};

// "The reference information:", "Source:", "Sources", "Originally published ..." near the
// end: from there on the text names where the article came from.
bool is_source_label(std::string_view t, std::string& inline_source) {
  if (t.size() > 200) return false;
  std::string_view label = t;
  std::string_view rest;
  if (const std::size_t colon = t.find(':'); colon != std::string_view::npos && colon < 40) {
    label = t.substr(0, colon);
    rest = text::trim(t.substr(colon + 1));
  }
  std::string l;
  for (char c : label) l += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  while (!l.empty() && (l.back() == ' ' || l.back() == '.')) l.pop_back();
  static constexpr std::string_view labels[] = {
      "the reference information", "reference information", "references", "reference", "sources", "source",
      "original source", "source information", "originally published", "first published", "via",
      "original article", "source of information", "information source"};
  for (std::string_view s : labels) {
    if (l == s) {
      inline_source = std::string(rest);
      return true;
    }
  }
  return false;
}

}  // namespace

doc::Document read_plain_text(const std::string& input, const ReadOptions& options, Diagnostics&) {
  doc::Document d;
  const std::vector<text::Line> lines = text::split_lines(input);
  const text::GutenbergSplit g = text::find_gutenberg(lines);
  Builder b;
  b.emphasis = g.found;

  if (g.found) {
    d.metadata.title = g.title;
    d.metadata.subtitle = g.subtitle;
    d.metadata.authors = g.authors;
    d.metadata.language = g.language;
    if (!options.drop_boilerplate) {
      d.front_matter = b.matter(lines, 0, g.body_begin);
      d.back_matter = b.matter(lines, g.body_end, lines.size());
    }
  }

  text::Segmentation seg = text::segment(lines, g.body_begin, g.body_end);
  std::vector<Unit>& units = seg.units;

  // A closing source note among the last few units goes to the back matter.
  std::size_t body_end = units.size();
  std::string source;
  for (std::size_t k = units.size(); k > 0 && units.size() - k < 4; --k) {
    const Unit& u = units[k - 1];
    if (u.kind != UnitKind::Text || u.lines() != 1 || k == 1) continue;
    std::string inline_source;
    bool short_tail = true;  // what follows a source label is a citation, not more article
    for (std::size_t j = k; j < units.size(); ++j) short_tail = short_tail && units[j].joined().size() <= 400;
    if (short_tail && is_source_label(u.parts[0], inline_source)) {
      body_end = k - 1;
      source = !inline_source.empty() ? inline_source : (k < units.size() ? units[k].joined() : std::string());
      break;
    }
  }

  // The source note is set aside before the body is classified.
  std::vector<Unit> closing_units(std::make_move_iterator(units.begin() + static_cast<std::ptrdiff_t>(body_end)),
                                  std::make_move_iterator(units.end()));
  units.resize(body_end);

  text::ClassifyOptions co;
  co.detect_title = d.metadata.title.empty();
  co.given_title = options.title;
  co.long_form = g.found;
  co.title = d.metadata.title;
  co.subtitle = d.metadata.subtitle;
  co.authors = d.metadata.authors;
  const text::Structure st = text::classify(seg, co);
  for (std::size_t i = 0; i < st.decisions.size(); ++i)
    if (st.decisions[i].role == Role::Title && d.metadata.title.empty())
      d.metadata.title = options.title.empty() ? st.decisions[i].text : options.title;
  if (d.metadata.authors.empty()) d.metadata.authors = st.authors;

  d.body = b.blocks(units, st.decisions, 0, units.size(), seg.wrapped);
  if (!closing_units.empty()) {
    doc::Blocks closing;
    for (const Unit& u : closing_units) closing.push_back(doc::paragraph(b.inlines(u.joined()), u.line));
    if (d.metadata.source.empty()) d.metadata.source = source;
    // The source note comes before a Gutenberg footer.
    closing.insert(closing.end(), std::make_move_iterator(d.back_matter.begin()),
                   std::make_move_iterator(d.back_matter.end()));
    d.back_matter = std::move(closing);
  }
  return d;
}

}  // namespace galley::read

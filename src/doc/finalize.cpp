#include "doc/finalize.hpp"

#include <glib.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "doc/smart.hpp"
#include "doc/title.hpp"
#include "util/error.hpp"

namespace galley::doc {

namespace {

void assign_heading_ids(Blocks& body, std::unordered_set<std::string>& taken) {
  for (auto& b : body)
    if (auto* h = std::get_if<Heading>(&b.node)) h->id = make_id(plain_text(h->content), taken);
}

// Nest entries by level: an entry is a child of the nearest earlier entry
// with a smaller level.
Toc build_toc(const Blocks& body, const std::vector<Section>& sections) {
  Toc toc;
  std::vector<std::vector<TocEntry>*> stack{&toc.entries};
  std::vector<int> levels{0};
  int section = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    while (section + 1 < static_cast<int>(sections.size()) && sections[section + 1].begin <= i) ++section;
    const auto* h = std::get_if<Heading>(&body[i].node);
    if (!h) continue;
    while (levels.size() > 1 && levels.back() >= h->level) {
      levels.pop_back();
      stack.pop_back();
    }
    auto& siblings = *stack.back();
    siblings.push_back(TocEntry{h->level, h->id, plain_text(h->content), i, section, {}});
    stack.push_back(&siblings.back().children);
    levels.push_back(h->level);
  }
  return toc;
}

void number_notes_in(const Inlines& inlines, std::unordered_map<std::string, int>& numbers, int& next);
void number_notes_in(const Blocks& blocks, std::unordered_map<std::string, int>& numbers, int& next);

void number_notes_in(const Inlines& inlines, std::unordered_map<std::string, int>& numbers, int& next) {
  for (const auto& in : inlines) {
    std::visit(overloaded{
                   [&](const NoteRef& r) {
                     if (!numbers.count(r.id)) numbers[r.id] = next++;
                   },
                   [&](const Emphasis& e) { number_notes_in(e.children, numbers, next); },
                   [&](const Strong& e) { number_notes_in(e.children, numbers, next); },
                   [&](const Strikeout& e) { number_notes_in(e.children, numbers, next); },
                   [&](const Link& e) { number_notes_in(e.children, numbers, next); },
                   [](const auto&) {},
               },
               in.node);
  }
}

void number_notes_in(const Blocks& blocks, std::unordered_map<std::string, int>& numbers, int& next) {
  for (const auto& b : blocks) {
    std::visit(overloaded{
                   [&](const Heading& h) { number_notes_in(h.content, numbers, next); },
                   [&](const Paragraph& p) { number_notes_in(p.content, numbers, next); },
                   [&](const BlockQuote& q) { number_notes_in(q.children, numbers, next); },
                   [&](const List& l) {
                     for (const auto& item : l.items) number_notes_in(item.children, numbers, next);
                   },
                   [&](const Table& t) {
                     for (const auto* rows : {&t.head, &t.body})
                       for (const auto& r : *rows)
                         for (const auto& c : r.cells) number_notes_in(c.content, numbers, next);
                   },
                   [&](const Figure& f) { number_notes_in(f.caption, numbers, next); },
                   [](const auto&) {},
               },
               b.node);
  }
}

void set_note_numbers(Inlines& inlines, const std::unordered_map<std::string, int>& numbers);
void set_note_numbers(Blocks& blocks, const std::unordered_map<std::string, int>& numbers);

void set_note_numbers(Inlines& inlines, const std::unordered_map<std::string, int>& numbers) {
  for (auto& in : inlines) {
    std::visit(overloaded{
                   [&](NoteRef& r) {
                     auto it = numbers.find(r.id);
                     r.number = it == numbers.end() ? 0 : it->second;
                   },
                   [&](Emphasis& e) { set_note_numbers(e.children, numbers); },
                   [&](Strong& e) { set_note_numbers(e.children, numbers); },
                   [&](Strikeout& e) { set_note_numbers(e.children, numbers); },
                   [&](Link& e) { set_note_numbers(e.children, numbers); },
                   [](auto&) {},
               },
               in.node);
  }
}

void set_note_numbers(Blocks& blocks, const std::unordered_map<std::string, int>& numbers) {
  for (auto& b : blocks) {
    std::visit(overloaded{
                   [&](Heading& h) { set_note_numbers(h.content, numbers); },
                   [&](Paragraph& p) { set_note_numbers(p.content, numbers); },
                   [&](BlockQuote& q) { set_note_numbers(q.children, numbers); },
                   [&](List& l) {
                     for (auto& item : l.items) set_note_numbers(item.children, numbers);
                   },
                   [&](Table& t) {
                     for (auto* rows : {&t.head, &t.body})
                       for (auto& r : *rows)
                         for (auto& c : r.cells) set_note_numbers(c.content, numbers);
                   },
                   [&](Figure& f) { set_note_numbers(f.caption, numbers); },
                   [](auto&) {},
               },
               b.node);
  }
}

// Footnotes are numbered in order of first reference; unreferenced notes go
// last (kept, never dropped), in source order.
void number_footnotes(Document& doc) {
  std::unordered_map<std::string, int> numbers;
  int next = 1;
  number_notes_in(doc.body, numbers, next);
  for (std::size_t i = 0; i < doc.footnotes.size(); ++i) number_notes_in(doc.footnotes[i].content, numbers, next);
  for (auto& note : doc.footnotes)
    if (!numbers.count(note.id)) numbers[note.id] = next++;
  for (auto& note : doc.footnotes) note.number = numbers[note.id];
  std::stable_sort(doc.footnotes.begin(), doc.footnotes.end(),
                   [](const Footnote& a, const Footnote& b) { return a.number < b.number; });
  set_note_numbers(doc.body, numbers);
  for (auto& note : doc.footnotes) set_note_numbers(note.content, numbers);
}

}  // namespace

std::string content_uuid(const Document& doc) {
  // Name-based UUID (version 5 layout) from SHA-1 of the metadata and text,
  // so the same input always gets the same identifier.
  std::string material = doc.metadata.title + '\n';
  for (const auto& a : doc.metadata.authors) material += a + '\n';
  material += doc.metadata.language + '\n';
  material += plain_text(doc.front_matter) + plain_text(doc.body) + plain_text(doc.back_matter);
  GChecksum* sum = g_checksum_new(G_CHECKSUM_SHA1);
  g_checksum_update(sum, reinterpret_cast<const guchar*>(material.data()), static_cast<gssize>(material.size()));
  guint8 digest[20];
  gsize len = sizeof digest;
  g_checksum_get_digest(sum, digest, &len);
  g_checksum_free(sum);
  digest[6] = static_cast<guint8>((digest[6] & 0x0F) | 0x50);
  digest[8] = static_cast<guint8>((digest[8] & 0x3F) | 0x80);
  static const char* hex = "0123456789abcdef";
  std::string uuid = "urn:uuid:";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) uuid += '-';
    uuid += hex[digest[i] >> 4];
    uuid += hex[digest[i] & 15];
  }
  return uuid;
}

void finalize(Document& doc, const FinalizeInput& in) {
  if (!in.overrides.language.empty() && !is_valid_language_tag(in.overrides.language))
    throw Error(doc.source_path, "invalid language tag '" + in.overrides.language + "' (expected BCP 47, e.g. en or pt-BR)");
  merge_metadata(doc.metadata, in.overrides);
  if (const std::string warning = complete_title(doc, in.file_stem); !warning.empty() && in.diag)
    in.diag->warn(warning);
  if (!is_valid_language_tag(doc.metadata.language))
    doc.metadata.language = guess_language(doc.metadata.title + "\n" + plain_text(doc.body));
  if (in.smart) smarten(doc);

  std::unordered_set<std::string> taken{"opening", "title-page", "nav", "toc", "notes", "front-matter", "back-matter"};
  assign_heading_ids(doc.front_matter, taken);
  assign_heading_ids(doc.body, taken);
  assign_heading_ids(doc.back_matter, taken);
  doc.sections = compute_sections(doc.body);
  doc.toc = build_toc(doc.body, doc.sections);
  number_footnotes(doc);
  if (doc.metadata.identifier.empty()) doc.metadata.identifier = content_uuid(doc);
}

}  // namespace galley::doc

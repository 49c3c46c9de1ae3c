// The typed document tree shared by every reader and writer.
//
// A closed set of node types held in std::variant: a writer that visits a node
// with an overload set gets a compile error when a new type is added and it
// forgets to handle it. Readers build the tree; doc::finalize() (finalize.hpp)
// assigns heading ids, builds the table of contents and completes the metadata
// once, so writers never recompute them.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "doc/metadata.hpp"
#include "doc/sections.hpp"
#include "doc/toc.hpp"

namespace galley::doc {

// ---------------------------------------------------------------- inlines

struct Inline;
using Inlines = std::vector<Inline>;

struct Text { std::string text; };            // UTF-8, no markup
struct Emphasis { Inlines children; };
struct Strong { Inlines children; };
struct Strikeout { Inlines children; };
struct Code { std::string text; };            // inline code, never hyphenated
struct Link { std::string url; Inlines children; std::string title; };
struct LineBreak {};                           // hard line break
struct NoteRef { std::string id; int number = 0; };  // footnote reference; id names a Footnote
struct Image {
  std::string src;       // as written in the source
  std::string alt;       // alt text, shown when the image is missing
  std::string title;
  std::string path;      // absolute path of the local file; empty when missing/remote/refused
};

struct Inline {
  std::variant<Text, Emphasis, Strong, Strikeout, Code, Link, LineBreak, NoteRef, Image> node;
};

// ---------------------------------------------------------------- blocks

struct Block;
using Blocks = std::vector<Block>;

struct Heading {
  int level = 1;         // 1..6; 1 is a top-level section or chapter
  std::string id;        // unique, URL-safe; set by finalize()
  Inlines content;
};
struct Paragraph { Inlines content; };
struct BlockQuote { Blocks children; };
struct ListItem {
  Blocks children;
  int task = -1;         // -1: not a task item; 0: unchecked; 1: checked
};
struct List {
  bool ordered = false;
  int start = 1;         // first number of an ordered list
  bool tight = true;
  std::vector<ListItem> items;
};
struct CodeBlock { std::string text; std::string language; };
struct SceneBreak {};    // thematic break / scene break
enum class Align : std::uint8_t { Default, Left, Center, Right };
struct TableCell { Inlines content; };
struct TableRow { std::vector<TableCell> cells; };
struct Table {
  std::vector<Align> align;   // one per column
  std::vector<TableRow> head;
  std::vector<TableRow> body;
  Inlines caption;
};
struct Figure { Image image; Inlines caption; };

struct Block {
  std::variant<Heading, Paragraph, BlockQuote, List, CodeBlock, SceneBreak, Table, Figure> node;
  int line = 0;          // 1-based source line, 0 when unknown; for diagnostics
};

// A footnote's content; referenced from the text by NoteRef{id}.
struct Footnote {
  std::string id;
  int number = 0;        // 1-based, in order of first reference
  Blocks content;
};

struct Document {
  Metadata metadata;
  Blocks front_matter;   // e.g. a Project Gutenberg header: kept apart from the body
  Blocks body;
  Blocks back_matter;    // e.g. a Project Gutenberg footer or a closing source note
  std::vector<Footnote> footnotes;
  Toc toc;               // set by finalize(); the only source of navigation
  std::vector<Section> sections;  // set by finalize(); top-level sections of body
  std::string source_path;  // the input file, for diagnostics
};

// Convenience constructors keep readers and tests short.
inline Inline text(std::string s) { return Inline{Text{std::move(s)}}; }
inline Block paragraph(Inlines content, int line = 0) {
  return Block{Paragraph{std::move(content)}, line};
}
inline Block heading(int level, Inlines content, int line = 0) {
  return Block{Heading{level, {}, std::move(content)}, line};
}

// Concatenated text of inlines (no markup; line breaks become spaces).
std::string plain_text(const Inlines& inlines);
// Concatenated text of blocks, paragraphs separated by newlines.
std::string plain_text(const Blocks& blocks);

// Helper for std::visit with a set of lambdas.
template <class... Fs> struct overloaded : Fs... { using Fs::operator()...; };
template <class... Fs> overloaded(Fs...) -> overloaded<Fs...>;

}  // namespace galley::doc

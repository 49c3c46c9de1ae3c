// cmark-gfm nodes -> the typed document tree.
//
//   heading (ATX, setext)   -> Heading{level}; a trailing pandoc/kramdown
//                              attribute block "{#id}" is not part of its text
//   paragraph -> Paragraph (a lone kramdown attribute list "{: .x}" is dropped)
//   paragraph of one image  -> Figure{image, caption = title, else alt}
//   block_quote -> BlockQuote   list -> List{ordered, start, tight}
//   item / tasklist item    -> ListItem{task -1 / 0 / 1}
//   code_block -> CodeBlock{language = first word of the info string}
//   thematic_break -> SceneBreak   table -> Table{align, head, body}
//   footnote_definition -> Document::footnotes (id = label)
//   footnote_reference  -> NoteRef{id = label}
//   text, softbreak (a space), linebreak, code, emph, strong, strikethrough,
//   link (unsafe schemes such as javascript: lose the link, keep the text),
//   image -> Image (resolved by ImageResolver)
//   html_block / html_inline -> see html_block.hpp and inline_builder.hpp
//
// Containers nested deeper than a fixed limit are flattened (their content
// kept) so that hostile input cannot exhaust the stack of later recursive
// passes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <cmark-gfm.h>

#include "doc/document.hpp"
#include "util/error.hpp"
#include "read/markdown/images.hpp"
#include "read/markdown/inline_builder.hpp"

namespace galley::read::markdown {

class NodeMapper {
 public:
  // `source` is the text given to cmark (for footnote labels). A fragment
  // re-parsed from an HTML block is mapped with `fragment` set: every block
  // gets `fixed_line`, and HTML inside it is never re-parsed again.
  NodeMapper(ImageResolver& images, Diagnostics& diag, const std::string& source, bool fragment = false,
             int fixed_line = 0);

  // Maps a whole document: blocks to `body`, footnote definitions to `notes`.
  void map_document(cmark_node* root, doc::Blocks& body, std::vector<doc::Footnote>& notes);
  // Warns, once each, of what was repaired on the way (nesting flattened,
  // unclosed raw-text elements).
  void report_repairs();

 private:
  doc::Blocks blocks(cmark_node* parent, int depth);
  // Past the depth caps a subtree is flattened without recursion, so hostile
  // nesting cannot exhaust the stack.
  void flatten_blocks(cmark_node* parent, doc::Blocks& out);
  void flatten_inlines(cmark_node* parent, InlineBuilder& builder);
  void block(cmark_node* node, doc::Blocks& out, int depth);
  void html_block(cmark_node* node, doc::Blocks& out);
  doc::Table table(cmark_node* node);
  doc::Inlines inlines(cmark_node* parent, int depth);
  void inline_node(cmark_node* node, InlineBuilder& builder, int depth);
  doc::Image image(const std::string& src, const std::string& alt, const std::string& title);
  InlineBuilder::ImageMaker image_maker();
  int line_of(cmark_node* node) const;
  std::string footnote_label(cmark_node* definition, int index);

  ImageResolver& images_;
  Diagnostics& diag_;
  HtmlRepairs repairs_;
  const std::string& source_;
  std::vector<std::size_t> line_starts_;  // built on first use
  bool fragment_;
  int fixed_line_;
  int current_line_ = 0;
  std::map<std::string, std::string> note_ids_;  // cmark's reference index -> label
};

}  // namespace galley::read::markdown

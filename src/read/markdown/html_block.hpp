// Raw HTML blocks. Two ways to read one, neither of which lets markup through:
//
// 1. html_block_to_markdown, for a block with a markdown="1" attribute: the
//    block's text is kept as Markdown source and parsed again (so
//    kramdown-style `<aside markdown="1">` content, common in real articles,
//    keeps its links and emphasis). Every tag is removed except
//    the safe inline subset of inline_builder.hpp, re-written from its parsed
//    attributes (never copied); block elements become paragraph breaks,
//    <h1>..<h6> become ATX headings, <pre> a fenced code block, <hr> a
//    thematic break; comments and script/style/... content vanish.
// 2. html_block_to_blocks: the same mapping straight to tree nodes, with no
//    Markdown parsing (its text shows as written, as in GFM); used for every
//    other block and for HTML met inside a re-parsed fragment, so the
//    re-parse never recurses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/document.hpp"
#include "read/markdown/inline_builder.hpp"

namespace galley::read::markdown {

// What had to be repaired (unclosed raw-text elements, whose text is kept;
// nesting flattened) is added to `repairs`.
std::string html_block_to_markdown(std::string_view html, HtmlRepairs& repairs);

// True when a start tag of the block has a markdown attribute other than
// markdown="0" (kramdown's opt-in): only such a block is read as Markdown.
bool html_block_asks_for_markdown(std::string_view html);

doc::Blocks html_block_to_blocks(std::string_view html, const InlineBuilder::ImageMaker& make_image, int line,
                                 HtmlRepairs& repairs);

}  // namespace galley::read::markdown

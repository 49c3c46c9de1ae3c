// Collects the inlines of one run of siblings (a paragraph, a heading, the
// children of an emphasis...) and applies raw inline HTML tags to them.
//
// Raw HTML policy (inline and block): markup never reaches the tree as markup.
// A safe subset of elements is mapped to tree nodes:
//   <em> <i>            -> Emphasis          <strong> <b>        -> Strong
//   <s> <del> <strike>  -> Strikeout         <code> <kbd> <samp> <tt> -> Code
//   <a href>            -> Link (only for safe URL schemes)
//   <br>                -> LineBreak         <img src alt title> -> Image
// The content of script, style, template, iframe... is dropped entirely,
// except that of <textarea> and <xmp> (shown as text by browsers) and that
// of any such element left unclosed at the end of the run (its text is kept
// and unclosed() names it, for a warning); comments and declarations are
// dropped; every other tag is removed and its text content kept. Entities in
// kept text are decoded by the caller. Raw HTML nested deeper than
// kMaxHtmlDepth keeps its text but not its structure (flattened() is then
// true), so hostile nesting cannot exhaust the stack of later passes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.hpp"
#include "read/markdown/html.hpp"

namespace galley::read::markdown {

class InlineBuilder {
 public:
  // Makes an Image for <img> (resolution, warnings) from src, alt and title.
  using ImageMaker = std::function<doc::Image(const std::string&, const std::string&, const std::string&)>;

  explicit InlineBuilder(ImageMaker make_image);

  void append(doc::Inline inline_node);
  void append(doc::Inlines inlines);
  void append_text(std::string_view text);  // merged with a preceding Text
  // Applies one raw HTML token: a tag opens/closes a mapped element, text is
  // appended (decoded), comments and other markup vanish.
  void html(const HtmlToken& token);
  // True while inside a dropped element (script, style, ...).
  bool dropping() const;
  // Closes every element still open and returns the result.
  doc::Inlines finish();

  static constexpr std::size_t kMaxHtmlDepth = 32;
  // After finish(): true when nesting past kMaxHtmlDepth was flattened; the
  // raw-text elements (script, textarea...) that were never closed.
  bool flattened() const { return flattened_; }
  const std::vector<std::string>& unclosed() const { return unclosed_; }

 private:
  // Plain: an element past the depth cap, whose content joins its parent's.
  enum class Kind { Root, Emphasis, Strong, Strikeout, Code, Link, Drop, Plain };
  struct Frame {
    Kind kind;
    std::string tag;
    doc::Inlines content;
    std::string url;
    std::string title;
  };
  void open(Kind kind, const std::string& tag, std::string url = {}, std::string title = {});
  void close(const std::string& tag);
  void close_top();

  ImageMaker make_image_;
  std::vector<Frame> stack_;
  bool flattened_ = false;
  std::vector<std::string> unclosed_;
};

// What raw HTML readers had to repair, gathered for one warning each.
struct HtmlRepairs {
  bool flattened = false;              // nesting past a depth cap
  std::vector<std::string> unclosed;   // raw-text elements never closed
  void add(const InlineBuilder& b) {
    flattened = flattened || b.flattened();
    unclosed.insert(unclosed.end(), b.unclosed().begin(), b.unclosed().end());
  }
};

// Appends inlines to out, merging adjacent Text nodes.
void append_inline(doc::Inlines& out, doc::Inline in);

// A paragraph from trimmed, non-empty inlines; a paragraph holding nothing
// but one embedded image (a local file found) is a Figure captioned by its
// alt text, never by its title; a missing image stays in a paragraph.
doc::Block paragraph_block(doc::Inlines content, int line);

// Replaces every Link inside `inlines` by its children (no link in a link).
void remove_links(doc::Inlines& inlines);

// Trims whitespace at both ends of a run of inlines (leading/trailing Text,
// trailing line breaks) and drops empty Text nodes.
void trim_inlines(doc::Inlines& inlines);

}  // namespace galley::read::markdown

// XHTML content documents: the page skeleton and the rendering of every node
// type of the tree (headings, paragraphs, lists, tables, figures, notes...).
#pragma once

#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <tinyxml2.h>

#include "doc/document.hpp"
#include "doc/sections.hpp"
#include "epub/epub_writer.hpp"
#include "epub/images.hpp"
#include "util/error.hpp"

namespace galley::epub {

// One XHTML document under construction.
class XhtmlPage {
 public:
  // `body_type` is the epub:type of <body> ("" for none).
  XhtmlPage(const std::string& lang, bool rtl, const std::string& title, const std::string& css_href,
            const std::string& body_type);
  tinyxml2::XMLElement* body() { return body_; }
  tinyxml2::XMLElement* add(tinyxml2::XMLElement* parent, const char* name);
  // Adds an element followed by a newline (for block-level elements).
  tinyxml2::XMLElement* add_block(tinyxml2::XMLElement* parent, const char* name);
  void add_text(tinyxml2::XMLElement* parent, const std::string& utf8);
  tinyxml2::XMLDocument& doc() { return doc_; }
  std::string str() const;

 private:
  tinyxml2::XMLDocument doc_;
  tinyxml2::XMLElement* body_ = nullptr;
};

// Sets an attribute with XML-safe text.
void set_attr(tinyxml2::XMLElement* e, const char* name, const std::string& value);

// Heading levels in one file: the shallowest level becomes h1 and no level
// is skipped going down (h1 -> h3 becomes h1 -> h2).
using doc::HeadingLevels;  // doc/sections.hpp: one rule for both outputs

// A page-break marker as rendered: its label and "file#id".
struct PageMarker {
  std::string label;
  std::string href;
};

// Rendering shared by every content file of one book.
class Renderer {
 public:
  Renderer(const doc::Document& doc, ImageStore& images, Diagnostics& diag);

  // Where each heading id lives (file name), for internal "#id" links.
  void set_id_file(std::unordered_map<std::string, std::string> map);
  void set_notes_file(std::string file) { notes_file_ = std::move(file); }
  // Page breaks of the print edition (block indexes in Document::body).
  void set_page_breaks(const std::vector<PageBreak>& breaks);

  // Renders the body blocks [begin, end) with their page-break markers.
  void body_blocks(XhtmlPage& page, tinyxml2::XMLElement* parent, std::size_t begin, std::size_t end,
                   const std::string& file, HeadingLevels& levels);
  // The markers rendered so far, in reading order.
  const std::vector<PageMarker>& page_markers() const { return markers_; }

  // Renders blocks into `parent` of `page`, which is the file `file`.
  void blocks(XhtmlPage& page, tinyxml2::XMLElement* parent, std::span<const doc::Block> bs, const std::string& file,
              HeadingLevels& levels);
  void inlines(XhtmlPage& page, tinyxml2::XMLElement* parent, const doc::Inlines& ins, const std::string& file);

  // The notes document (one aside per footnote with a link back).
  std::string notes_page(const std::string& lang, bool rtl, const std::string& title, const std::string& css_href);
  // The same notes as a section of `page` (an article's one file).
  void notes_section(XhtmlPage& page, tinyxml2::XMLElement* parent, const std::string& title);
  // `base`, or a variant of it when a heading has that id (fixed ids of
  // parts sharing a file with the headings).
  std::string free_id(const std::string& base) const;

  // True when every embedded image had alt text.
  bool all_images_have_alt() const { return all_alt_; }
  bool any_image() const { return any_image_; }

  std::string note_id(int number) const;
  std::string noteref_id(int number, int occurrence) const;

 private:
  void block(XhtmlPage& page, tinyxml2::XMLElement* parent, const doc::Block& b, const std::string& file,
             HeadingLevels& levels);
  void image(XhtmlPage& page, tinyxml2::XMLElement* parent, const doc::Image& img);
  void list(XhtmlPage& page, tinyxml2::XMLElement* parent, const doc::List& l, const std::string& file,
            HeadingLevels& levels);
  void table(XhtmlPage& page, tinyxml2::XMLElement* parent, const doc::Table& t, const std::string& file);
  void note_ref(XhtmlPage& page, tinyxml2::XMLElement* parent, const doc::NoteRef& r, const std::string& file);
  void link(XhtmlPage& page, tinyxml2::XMLElement* parent, const doc::Link& l, const std::string& file);
  void page_marker(XhtmlPage& page, tinyxml2::XMLElement* parent, const std::string& label, const std::string& file);
  // Adds text, with the markers of the current block whose offsets fall in it.
  void text_with_breaks(XhtmlPage& page, tinyxml2::XMLElement* parent, const std::string& text,
                        const std::string& file);
  // Markers of the current block not placed yet, at the end of `parent`.
  void flush_breaks(XhtmlPage& page, tinyxml2::XMLElement* parent, const std::string& file);

  const doc::Document& doc_;
  ImageStore& images_;
  Diagnostics& diag_;
  std::unordered_map<std::string, std::string> id_file_;
  std::unordered_map<std::string, std::string> loose_ids_;  // loosened id -> id, when unambiguous
  std::string notes_file_;
  std::unordered_set<std::string> heading_ids_;
  std::unordered_set<std::string> note_ids_;         // Footnote::id values present
  std::unordered_map<int, int> ref_count_;           // note number -> references rendered
  std::unordered_map<int, std::string> first_ref_;   // note number -> "file#fnref-N"
  std::unordered_set<std::string> warned_links_;
  bool all_alt_ = true;
  bool any_image_ = false;

  using BlockBreaks = std::vector<std::pair<std::size_t, std::string>>;  // (offset, label), by offset
  std::unordered_map<std::size_t, BlockBreaks> breaks_;                 // body block -> its breaks
  const BlockBreaks* cur_breaks_ = nullptr;  // the block being rendered, when its text is split
  std::size_t cur_next_ = 0;                 // next break of cur_breaks_ to place
  std::size_t cur_pos_ = 0;                  // plain-text bytes of the block rendered so far
  std::unordered_set<std::string> marker_ids_;
  std::vector<PageMarker> markers_;
};

// The title page: title, subtitle, authors, publisher and date.
std::string title_page(const doc::Metadata& m, bool rtl, const std::string& css_href);
// Those lines (an h1 and paragraphs) into `parent`: an article's title block.
void title_lines(XhtmlPage& page, tinyxml2::XMLElement* parent, const doc::Metadata& m);

}  // namespace galley::epub

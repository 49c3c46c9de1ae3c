// The print style: page geometry, type sizes, leading, indents, headings and
// running heads. Loaded from styles/NAME.style (YAML), then overridden by the
// command line (--page-size, --margin, --font-size). All lengths in PostScript
// points (1/72 in).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "doc/document.hpp"

namespace galley::layout {

struct Margins {
  double top = 0, outer = 0, bottom = 0, inner = 0;
};

struct HeadingStyle {
  double size = 1.0;          // times the body size
  double space_before = 1.0;  // in body lines
  double space_after = 0.5;   // in body lines
  bool bold = false;
  bool italic = false;
  bool center = false;
};

// The book's cover (print wrap and EPUB cover image): one design from the
// style's `cover:` section. Sizes are points on the print cover's front
// panel; the EPUB image scales them by its width over the trim width.
struct Rgb {
  double r = 0, g = 0, b = 0;
};
struct CoverFace {
  bool bold = false, italic = false;
};
struct CoverStyle {
  Rgb background{0.114, 0.200, 0.318};  // #1d3351, deep blue
  Rgb text{0.984, 0.973, 0.945};        // #fbf8f1, warm white
  Rgb accent{0.788, 0.643, 0.306};      // #c9a44e, muted gold
  CoverFace title_face{true, false};
  CoverFace subtitle_face{false, true};
  CoverFace author_face{false, false};
  double title_size = 30;     // points on the front panel
  double subtitle_size = 15;
  double author_size = 16;
  double spine_size = 11;     // spine title and author (never wider than the spine allows)
  double back_size = 10.5;    // the description on the back
  double caliper = 0.0572 * 72 / 25.4;  // paper thickness per page, points (white 50 lb)
  double bleed = 0.125 * 72;  // beyond the trim on each side (when --bleed gives none)
};

struct Style {
  std::string name = "default";
  double page_width = 419.53;   // A5
  double page_height = 595.28;
  Margins margins{56.69, 51.02, 56.69, 51.02};
  double font_size = 10.5;      // body type
  double leading = 1.25;        // baseline distance / font size
  double indent = 1.0;          // paragraph indent in ems
  double parskip = 0.0;         // extra space between paragraphs, in lines
  bool justify = true;
  bool hyphenate = true;
  double code_size = 0.85;      // monospace size, times body size
  double small_size = 0.8;      // running heads, folios, captions, footnotes
  double quote_indent = 1.5;    // block quote left and right indent, in ems
  double list_indent = 1.5;     // list item indent, in ems
  HeadingStyle headings[6] = {
      {1.7, 4.0, 2.0, false, false, true}, {1.35, 1.5, 0.75, false, true, false},
      {1.15, 1.25, 0.5, true, false, false}, {1.0, 1.0, 0.25, true, false, false},
      {1.0, 1.0, 0.25, false, true, false}, {1.0, 1.0, 0.25, false, true, false}};
  bool running_heads = true;
  // Chapters (long top-level sections) open new pages, and so do the front
  // and back matter; the EPUB gives each top-level section a file of its
  // own. Off (an article): everything runs on in one flow and one file.
  bool chapter_new_page = true;
  bool title_page = true;
  // Title, subtitle, authors and date at the top of the first body page
  // (and of the EPUB's body) instead of on a page of their own.
  bool title_block = false;
  bool print_toc = true;
  // Notes after the text (and before the back matter) under a heading,
  // instead of at the foot of the page that refers to them.
  bool endnotes = false;
  int widows = 2;               // minimum lines of a paragraph at a page top
  int orphans = 2;              // minimum lines of a paragraph at a page foot
  bool print_ready = false;     // PDF/X-4 for a printer (pdf/prepress.hpp), as --print-ready
  CoverStyle cover;
};

// "20mm", "0.5in", "12pt", "1cm"; a bare number is points. Throws galley::Error.
double parse_length(const std::string& text);
// a4, a5, letter, 6x9in, or WxH with units (e.g. 148mmx210mm, 6x9in). Throws.
void parse_page_size(const std::string& text, double& width, double& height);
// TOP,SIDES or TOP,OUTER,BOTTOM,INNER (CSS order) or a single length. Throws.
Margins parse_margins(const std::string& text);
// "10.5pt", "10.5". Throws galley::Error when not a sensible size.
double parse_font_size(const std::string& text);

// Paper caliper per page: a preset (white 0.0572 mm, cream 0.0635 mm,
// coated 0.0500 mm) or a length ("0.06mm"), in points. Throws galley::Error.
double parse_caliper(const std::string& text);
// "#rrggbb" (or "#rgb"). Throws galley::Error.
Rgb parse_colour(const std::string& text);
// A document with chapters, or long enough to want them, is set as a book;
// anything else as an article. `words`: the body's words
// (pipeline::count_words).
bool wants_book(const doc::Document& doc, std::size_t words);

// Loads a style by name (styles_dir/NAME.style) or by file path; the built-in
// defaults stand for a missing "default". A choosing style (one with a
// `choose:` map, like styles/default.style) loads its `book` style when
// `book` is true, else its `article` style. Throws galley::Error.
Style load_style(const std::string& name_or_path, const std::filesystem::path& styles_dir, bool book = true);

// Applies command-line overrides (empty strings are ignored). Throws.
void apply_overrides(Style& style, const std::string& page_size, const std::string& margin,
                     const std::string& font_size);

}  // namespace galley::layout

#include "pdf/pdf_writer.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pdf/edit.hpp"
#include "pdf/glyph_batch.hpp"
#include "pdf/glyph_texts.hpp"
#include "pdf/prepress.hpp"
#include "pdf/reorder.hpp"
#include "pdf/structure.hpp"
#include "pdf/to_unicode.hpp"
#include "util/clock.hpp"
#include "util/uri.hpp"

namespace galley::pdf {

namespace {

using layout::Element;
using layout::Page;
using layout::PagedDocument;
using layout::Run;
using layout::StructTag;

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The image surface of a picture: a JPEG is embedded as it is (Cairo needs
// only the pixel size), any other picture is decoded from PNG. Null (and a
// warning) when it cannot be read; nothing is left allocated then.
cairo_surface_t* picture_surface(const layout::Picture& p, Diagnostics& diag) {
  cairo_surface_t* img = nullptr;
  if (p.jpeg) {
    std::ifstream f(p.path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (data.empty()) return nullptr;
    img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, p.pixel_width, p.pixel_height);
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
      // Cairo owns the copy once set_mime_data succeeds, and only then.
      auto* copy = static_cast<unsigned char*>(std::malloc(data.size()));
      if (copy == nullptr) {
        cairo_surface_destroy(img);
        return nullptr;
      }
      std::memcpy(copy, data.data(), data.size());
      if (cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, copy, data.size(), std::free, copy) !=
          CAIRO_STATUS_SUCCESS) {
        std::free(copy);
        cairo_surface_destroy(img);
        img = nullptr;
      }
    }
  } else {
    img = cairo_image_surface_create_from_png(p.path.c_str());
  }
  if (img == nullptr || cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
    diag.warn("cannot read image " + p.path);
    if (img != nullptr) cairo_surface_destroy(img);
    return nullptr;
  }
  return img;
}

// The page's trimmed size and the bleed around it: what reaches the page's
// edge goes on into the bleed, so that the printer's cut leaves no white
// hairline (prepress.hpp).
struct Edges {
  double width = 0, height = 0, bleed = 0;
  // A coordinate on an edge (0 or size) moved out by the bleed.
  float out(float v, double size) const {
    if (bleed <= 0) return v;
    if (v <= 0) return static_cast<float>(-bleed);
    if (v >= size) return static_cast<float>(size + bleed);
    return v;
  }
};

// Paints img scaled into the rectangle, clipped to it.
void paint_into(cairo_t* cr, cairo_surface_t* img, double x, double y, double width, double height) {
  const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
  cairo_save(cr);
  // The clip is not decoration: on a page where nothing is drawn yet,
  // Cairo 1.16's recording surface takes an unclipped OVER paint for one
  // that covers everything before it and drops the page's recorded commands,
  // the structure tags begun so far among them; their ends then match no
  // begin and the finished PDF fails with CAIRO_STATUS_TAG_ERROR. A clipped
  // paint is recorded like any other operation.
  cairo_rectangle(cr, x, y, width, height);
  cairo_clip(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, width / std::max(1, w), height / std::max(1, h));
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
}

// A picture in its box. Where the box reaches the page's edge, the picture
// is first painted stretched over the box grown into the bleed, then as it
// is in its box: the trimmed page shows it as it would without bleed, and
// the cut leaves no white edge.
void draw_picture(cairo_t* cr, const layout::Picture& p, const Edges& edges, Diagnostics& diag) {
  cairo_surface_t* img = picture_surface(p, diag);
  if (img == nullptr) return;
  const float x0 = edges.out(p.x, edges.width), y0 = edges.out(p.y, edges.height);
  const float x1 = edges.out(p.x + p.width, edges.width), y1 = edges.out(p.y + p.height, edges.height);
  if (x0 != p.x || y0 != p.y || x1 != p.x + p.width || y1 != p.y + p.height) paint_into(cr, img, x0, y0, x1 - x0, y1 - y0);
  paint_into(cr, img, p.x, p.y, p.width, p.height);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_surface_destroy(img);
}

// True for the characters between which no space is written even where
// runs stand apart: Chinese, Japanese and their punctuation (no word spaces).
bool no_word_spaces(gunichar c) {
  const GUnicodeScript script = g_unichar_get_script(c);
  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_BOPOMOFO || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF00 && c <= 0xFFEF);
}

// No face in fonts/ has the task-list boxes U+2610/U+2612, so both shaped
// to the font's missing-glyph box (crossed in Linux Libertine) and looked
// alike. Such a box is drawn here in the missing glyph's place: an empty
// square, crossed when checked. True when r is one of them and was drawn.
bool draw_missing_checkbox(cairo_t* cr, const layout::FontSystem& fonts, const Run& r) {
  const std::string& t = r.shaped->text;
  if ((t != "\u2610" && t != "\u2612") || r.shaped->segments.size() != 1) return false;
  const auto& seg = r.shaped->segments.front();
  if (seg.glyph_end != seg.glyph_begin + 1 || r.shaped->glyphs[seg.glyph_begin].id != 0) return false;
  cairo_scaled_font_t* sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(fonts.font(seg.font)));
  cairo_font_extents_t font;
  cairo_scaled_font_extents(sf, &font);
  const double side = 0.62 * font.ascent, width = r.shaped->glyphs[seg.glyph_begin].advance;
  const double x0 = r.x + std::max(0.0, (width - side) / 2), y0 = r.y - side;
  cairo_save(cr);
  cairo_set_line_width(cr, std::max(0.4, 0.07 * side));
  cairo_rectangle(cr, x0, y0, side, side);
  if (t == "\u2612") {
    const double in = 0.22 * side;
    cairo_move_to(cr, x0 + in, y0 + in);
    cairo_line_to(cr, x0 + side - in, y0 + side - in);
    cairo_move_to(cr, x0 + side - in, y0 + in);
    cairo_line_to(cr, x0 + in, y0 + side - in);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
  return true;
}

class Painter {
 public:
  Painter(cairo_t* cr, const layout::FontSystem& fonts, const std::vector<layout::LinkTarget>& links, Diagnostics& diag,
          GlyphTexts& texts, TagTree& tags)
      : cr_(cr), fonts_(fonts), links_(links), diag_(diag), texts_(texts), tags_(tags), batch_(cr, texts) {}

  // The trimmed page's size and its bleed (0: nothing goes past the page).
  void set_edges(double width, double height, double bleed) { edges_ = Edges{width, height, bleed}; }

  // Top-level structure elements begun so far (children of Document).
  std::size_t top_level_elements() const { return top_level_; }

  // One page, painted with its origin at (dx, dy) on the sheet (Cairo's
  // matrix is translated by the caller; destinations are in sheet space).
  void page(const Page& page, double dx, double dy) {
    for (const auto& d : page.destinations) {
      const std::string attr = "name=" + quote(d.name) + " x=" + num(d.x + dx) + " y=" + num(d.y + dy);
      cairo_tag_begin(cr_, CAIRO_TAG_DEST, attr.c_str());
      cairo_tag_end(cr_, CAIRO_TAG_DEST);
    }
    for (const Element& e : page.elements) element(e);
    close_to(0);
  }

 private:
  void close_to(std::size_t depth) {
    while (stack_.size() > depth) {
      end_tag(stack_.back().name);
      stack_.pop_back();
    }
  }

  void open_path(const std::vector<StructTag>& path) {
    std::size_t common = 0;
    while (common < stack_.size() && common < path.size() && stack_[common] == path[common]) ++common;
    close_to(common);
    for (std::size_t i = common; i < path.size(); ++i) {
      if (i == 0) ++top_level_;
      begin_tag(path[i].name, path[i].id);
      stack_.push_back(path[i]);
    }
  }

  // Structure tags go to Cairo and to the mirror the structure pass reads.
  void begin_tag(const std::string& name, int id, const std::string& attributes = "") {
    cairo_tag_begin(cr_, name.c_str(), attributes.c_str());
    tags_.begin(name, id);
  }
  void end_tag(const std::string& name) {
    cairo_tag_end(cr_, name.c_str());
    tags_.end();
  }

  // Switches the link and table-cell tags from those of run `from` to r's.
  void retag(const Element& e, const Run* from, const Run& r) {
    const int cell = from ? from->cell : -1, link = from ? from->link : -1;
    if (from && r.cell == cell && r.link == link) return;
    batch_.flush(fonts_);
    if (link >= 0) end_tag(CAIRO_TAG_LINK);
    if (r.cell != cell) {
      if (cell >= 0) end_tag(e.cells[static_cast<std::size_t>(cell)].name);
      if (r.cell >= 0) begin_tag(e.cells[static_cast<std::size_t>(r.cell)].name, e.cells[static_cast<std::size_t>(r.cell)].id);
    }
    if (r.link >= 0) {
      const auto& t = links_[static_cast<std::size_t>(r.link)];
      const std::string attr = t.dest.empty() ? "uri=" + quote(percent_encode_uri(t.uri, true)) : "dest=" + quote(t.dest);
      begin_tag(CAIRO_TAG_LINK, -1, attr);
    }
  }

  // A space character between prev and r (consecutive runs on one line of
  // one cell) where layout marks one, or, before layout marks any, where the
  // runs stand apart by more than 0.2 em outside Chinese and Japanese.
  void word_space(const Run& prev, const Run& r) {
    if (r.shaped->segments.empty() || prev.shaped->text.empty() || r.shaped->text.empty()) return;
    const int font = r.shaped->segments.front().font;
    const GlyphTexts::Space& sp = texts_.space(font);
    if (!sp.present) return;
    const double prev_end = prev.x + prev.shaped->width, r_end = r.x + r.shaped->width;
    const double gap_after = r.x - prev_end, gap_before = prev.x - r_end;  // r right of prev; r left of prev (RTL)
    if (!(flags_seen_ ? r.space_before : std::max(gap_after, gap_before) > 0.2 * sp.em)) return;
    const std::string& a = prev.shaped->text;
    const char* last = g_utf8_find_prev_char(a.data(), a.data() + a.size());
    if (!flags_seen_ && (no_word_spaces(g_utf8_get_char(last ? last : a.data())) ||
                         no_word_spaces(g_utf8_get_char(r.shaped->text.data()))))
      return;
    batch_.space(fonts_, font, sp.glyph, gap_after >= gap_before ? prev_end : prev.x - sp.advance, r.y);
  }

  // A task-list box no font has: drawn, and written as the font's blank
  // space glyph that extractors read as the box character.
  bool checkbox(const Run& r) {
    const int font = r.shaped->segments.empty() ? -1 : r.shaped->segments.front().font;
    if (font < 0 || !texts_.space(font).present || !draw_missing_checkbox(cr_, fonts_, r)) return false;
    batch_.symbol(fonts_, font, texts_.space(font).glyph, r.x, r.y, r.shaped->text);
    return true;
  }

  void element(const Element& e) {
    open_path(e.path);
    for (const auto& r : e.rules) {
      // A rule that reaches the page's edge runs on into the bleed.
      const bool across = r.y0 == r.y1, down = r.x0 == r.x1;
      cairo_set_line_width(cr_, r.width);
      cairo_move_to(cr_, across ? edges_.out(r.x0, edges_.width) : r.x0, down ? edges_.out(r.y0, edges_.height) : r.y0);
      cairo_line_to(cr_, across ? edges_.out(r.x1, edges_.width) : r.x1, down ? edges_.out(r.y1, edges_.height) : r.y1);
      cairo_stroke(cr_);
    }
    for (const auto& p : e.pictures) draw_picture(cr_, p, edges_, diag_);
    if (!flags_seen_) flags_seen_ = std::any_of(e.runs.begin(), e.runs.end(), [](const Run& r) { return r.space_before; });
    const Run* prev = nullptr;
    for (const Run& r : e.runs) {
      retag(e, prev, r);
      if (prev && prev->cell == r.cell && prev->y == r.y) word_space(*prev, r);
      prev = &r;
      if (checkbox(r)) continue;
      double x = r.x;
      for (const auto& seg : r.shaped->segments) {
        batch_.add(fonts_, seg.font, *r.shaped, seg, x, r.y);
        for (std::uint32_t g = seg.glyph_begin; g < seg.glyph_end; ++g) x += r.shaped->glyphs[g].advance;
      }
    }
    batch_.flush(fonts_);
    if (prev && prev->link >= 0) end_tag(CAIRO_TAG_LINK);
    if (prev && prev->cell >= 0) end_tag(e.cells[static_cast<std::size_t>(prev->cell)].name);
  }

  cairo_t* cr_;
  const layout::FontSystem& fonts_;
  const std::vector<layout::LinkTarget>& links_;
  Diagnostics& diag_;
  GlyphTexts& texts_;
  TagTree& tags_;
  GlyphBatch batch_;
  Edges edges_;
  std::vector<StructTag> stack_;
  std::size_t top_level_ = 0;
  bool flags_seen_ = false;  // layout marks word spaces (Run::space_before)
};

void add_outline(cairo_surface_t* s, int parent, const std::vector<doc::TocEntry>& entries) {
  for (const auto& e : entries) {
    const std::string attr = "dest=" + quote(e.id);
    const int id = cairo_pdf_surface_add_outline(s, parent, e.text.empty() ? "\u2014" : e.text.c_str(), attr.c_str(),
                                                 static_cast<cairo_pdf_outline_flags_t>(0));
    add_outline(s, id, e.children);
  }
}

// Cairo 1.16 compresses every content stream, and the K-only pass
// (prepress.hpp) would inflate and deflate them all again: the streams are
// left uncompressed (Cairo's CAIRO_DEBUG_PDF, its only switch for this) and
// compressed once, by compress_streams(), after the edits. Set before main,
// while the process has one thread (setenv is not safe beside getenv in
// other threads); a value the user set is kept.
[[maybe_unused]] const bool cairo_leaves_streams_uncompressed = [] {
  ::setenv("CAIRO_DEBUG_PDF", "1", 0);
  return true;
}();

// Cairo's output in chunks of about 1 MB, joined once Cairo is done: one
// growing string would hold up to twice its size (three times while it
// moves) in the middle of painting, when memory is fullest.
struct ChunkedBytes {
  static constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::vector<std::string> chunks;
  std::string joined() {
    std::size_t total = 0;
    for (const auto& c : chunks) total += c.size();
    std::string all;
    all.reserve(total);
    for (auto& c : chunks) {
      all += c;
      std::string().swap(c);
    }
    chunks.clear();
    return all;
  }
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  auto& chunks = static_cast<ChunkedBytes*>(closure)->chunks;
  if (chunks.empty() || chunks.back().size() + length > ChunkedBytes::kChunk) {
    chunks.emplace_back();
    chunks.back().reserve(std::max<std::size_t>(ChunkedBytes::kChunk, length));
  }
  chunks.back().append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void set_metadata(cairo_surface_t* surface, const doc::Metadata& m) {
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, m.title.c_str());
  std::string authors;
  for (std::size_t i = 0; i < m.authors.size(); ++i) authors += (i ? ", " : "") + m.authors[i];
  if (!authors.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, authors.c_str());
  std::string keywords;
  for (std::size_t i = 0; i < m.subjects.size(); ++i) keywords += (i ? ", " : "") + m.subjects[i];
  const std::string subject = !m.description.empty() ? m.description : keywords;
  if (!subject.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
  if (!keywords.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, keywords.c_str());
  const std::string creator = std::string("galley ") + GALLEY_VERSION;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, creator.c_str());
  const std::string date = iso8601_utc(output_time());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
}

// Writes the file `fill` hands over piece by piece; the error names the
// file and says why (a full disk: "No space left on device").
void write_file(const std::filesystem::path& out_path, const std::function<void(const PdfEdit::Sink&)>& fill) {
  errno = 0;
  std::FILE* f = std::fopen(out_path.c_str(), "wb");
  if (f == nullptr) throw Error(out_path.string(), std::string("cannot write the PDF: ") + std::strerror(errno));
  int why = 0;
  fill([&](std::string_view piece) {
    if (why == 0 && std::fwrite(piece.data(), 1, piece.size(), f) != piece.size()) why = errno != 0 ? errno : EIO;
  });
  if (std::fflush(f) != 0 && why == 0) why = errno;
  if (std::fclose(f) != 0 && why == 0) why = errno;
  if (why != 0) throw Error(out_path.string(), std::string("cannot write the PDF: ") + std::strerror(why));
}

}  // namespace

StreamedPdf write_pdf_streamed(const doc::Document& doc, layout::PageStream& stream,
                               const std::filesystem::path& out_path, Diagnostics& diag, const PrintReady& print_ready) {
  double width = 0, height = 0;
  std::shared_ptr<layout::FontSystem> fonts;
  if (!stream.wait_begin(width, height, fonts)) return StreamedPdf::LayoutFailed;
  // The page on its sheet: grown by the bleed and the marks' room when
  // print-ready, the page itself otherwise.
  const Sheet sheet = sheet_for(width, height, print_ready);
  ChunkedBytes cairo_out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_bytes, &cairo_out, sheet.width, sheet.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw Error(out_path.string(), "cannot create the PDF");
  }
  set_metadata(surface, doc.metadata);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, doc.toc.entries);
  cairo_tag_begin(cr, "Document", "");
  TagTree tags;
  tags.begin("Document", -1);
  std::vector<layout::LinkTarget> links;
  GlyphTexts texts(*fonts);
  Painter painter(cr, *fonts, links, diag, texts, tags);
  painter.set_edges(width, height, sheet.bleed);
  // Labels in the order painted; where the front pages begin, in pages and
  // in top-level structure elements.
  std::vector<std::string> labels;
  std::size_t front_first_page = 0, front_first_element = 0, front_pages = 0;
  const layout::Page* page = nullptr;
  bool front = false;
  while (stream.next(page, front, links)) {
    if (front && front_pages++ == 0) {
      front_first_page = labels.size();
      front_first_element = painter.top_level_elements();
    }
    labels.push_back(page->label);
    cairo_pdf_surface_set_page_label(surface, page->label.c_str());
    cairo_identity_matrix(cr);
    cairo_translate(cr, sheet.trim_x, sheet.trim_y);
    painter.page(*page, sheet.trim_x, sheet.trim_y);
    cairo_show_page(cr);
    layout::PageStream::painted(page);
  }
  fonts->pages_painted();
  cairo_tag_end(cr, "Document");
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t fs = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  const std::string bytes = cairo_out.joined();
  if (labels.empty()) return StreamedPdf::LayoutFailed;
  if (status != CAIRO_STATUS_SUCCESS || fs != CAIRO_STATUS_SUCCESS)
    throw Error(out_path.string(), std::string("cannot write the PDF: ") +
                                       cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : fs));
  // One edit of Cairo's file: front pages painted after the body move
  // before it, the catalog gets the document's language, which Cairo 1.16
  // cannot write (screen readers choose their voice by it), and the rest.
  const bool move_front = front_pages > 0 && front_first_page > 0;
  if (move_front && front_first_page + front_pages != labels.size()) return StreamedPdf::NeedsRepaint;
  PdfEdit edit;
  if (!edit.open(bytes)) {
    if (move_front) return StreamedPdf::NeedsRepaint;
    write_file(out_path, [&bytes](const PdfEdit::Sink& put) { put(bytes); });
    return StreamedPdf::Written;
  }
  const std::size_t front_elements = move_front ? painter.top_level_elements() - front_first_element : 0;
  if (move_front) {
    std::rotate(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(front_first_page), labels.end());
    if (!move_front_pages(edit, front_pages, front_elements, labels)) return StreamedPdf::NeedsRepaint;
  }
  finish_structure(edit, tags, front_elements);
  set_language(edit, doc.metadata.language);
  rewrite_to_unicode(edit, [&texts](std::string_view font, char32_t cp) { return texts.text_for(font, cp); });
  // Black and grey as K only, always (make_pdfx4 does it too), PDF/X-4 when
  // print-ready, and the streams Cairo left uncompressed compressed.
  if (print_ready.enabled) {
    make_pdfx4(edit, pdfx_info(doc.metadata, sheet));
  } else {
    gray_only(edit);
    compress_streams(edit);
  }
  write_file(out_path, [&edit](const PdfEdit::Sink& put) { edit.write(put); });
  return StreamedPdf::Written;
}

void write_pdf(const doc::Document& doc, const PagedDocument& paged, const std::filesystem::path& out_path,
               Diagnostics& diag, const PrintReady& print_ready) {
  layout::PageStream stream;
  stream.begin(paged.width, paged.height, paged.fonts);
  std::vector<const layout::Page*> pages;
  for (const auto& p : paged.pages) pages.push_back(&p);
  stream.publish(pages, false, paged.links);
  stream.finish();
  if (write_pdf_streamed(doc, stream, out_path, diag, print_ready) != StreamedPdf::Written)
    throw Error(out_path.string(), "cannot write the PDF");
}

}  // namespace galley::pdf

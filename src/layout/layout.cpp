#include "layout/layout.hpp"

#include <algorithm>

#include <future>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "layout/book.hpp"
#include "layout/hyphenate.hpp"
#include "layout/page_stream.hpp"

namespace galley::layout {

std::string roman(int n) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static const struct { int v; const char* s; } table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                          {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                          {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                          {1, "i"}};
  std::string out;
  for (const auto& t : table)
    while (n >= t.v) {
      out += t.s;
      n -= t.v;
    }
  return out;
}

PagedDocument lay_out(const doc::Document& doc, const LayoutInput& input, Diagnostics& diag) {
  PagedDocument out;
  lay_out(doc, input, diag, out);
  return out;
}

void lay_out(const doc::Document& doc, const LayoutInput& input, Diagnostics& diag, PagedDocument& out) {
  const Style& st = input.style;
  out = PagedDocument{};
  out.width = st.page_width;
  out.height = st.page_height;
  // Both the hyphenation patterns and the font systems are kept by the
  // process, so after the first document these cost next to nothing; the
  // first time, the patterns load on a second thread while the fonts are set up.
  const std::string hyph_lang = st.hyphenate ? doc.metadata.language : std::string("none");
  auto hyph_future = std::async(input.parallel ? std::launch::async : std::launch::deferred,
                                [&hyph_lang] { return std::make_unique<Hyphenator>(hyph_lang); });
  // The CJK face is large and other scripts' faces are many: load only
  // those the text needs.
  std::string text = doc.metadata.title + "\n" + doc.metadata.subtitle + "\n";
  for (const auto& a : doc.metadata.authors) text += a + "\n";
  text += doc::plain_text(doc.front_matter) + "\n" + doc::plain_text(doc.body) + "\n" + doc::plain_text(doc.back_matter);
  for (const auto& note : doc.footnotes) text += "\n" + doc::plain_text(note.content);
  if (input.cjk_file.empty() && needs_cjk(text))
    diag.warn("no CJK font found (install fonts-noto-cjk or set GALLEY_CJK_FONT); CJK characters are not drawn");
  out.fonts = FontSystem::acquire(input.fonts_dir, faces_for(text, input.fonts_dir, input.cjk_file),
                                  doc.metadata.language);
  FontSystem& fonts = *out.fonts;
  const std::unique_ptr<Hyphenator> hyph_ptr = hyph_future.get();
  const Hyphenator& hyph = *hyph_ptr;
  if (!hyph.available() && hyph_lang != "none")
    if (const std::string hint = Hyphenator::missing_dictionary_hint(hyph_lang); !hint.empty()) diag.warn(hint);
  detail::BookLayout(doc, input, diag, out, fonts, hyph).run();

  if (fonts.take_split_clusters())
    diag.warn("a character carries more than 30 combining marks: they are shaped in groups of 30, all kept");
  auto missing = fonts.take_missing();
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 20; ++i) list += (i ? ", " : "") + missing[i];
    if (missing.size() > 20) list += ", ...";
    diag.warn("no font in fonts/ has these characters; the PDF shows a blank box for them: " + list);
  }
}

namespace detail {

namespace {

// Sections open new pages in books (long sections), not in articles whose
// sections are a few paragraphs each.
bool chapters_open_pages(const doc::Document& doc, const Style& st) {
  std::size_t body_bytes = 0;
  for (const auto& blk : doc.body)
    if (const auto* p = std::get_if<doc::Paragraph>(&blk.node)) body_bytes += doc::plain_text(p->content).size();
  return st.chapter_new_page && !doc.sections.empty() && body_bytes / doc.sections.size() >= 6000;
}

// Where a body page begins, for the EPUB's page-list; false for a page
// without body text (an article's back matter).
bool page_start(const Flow& flow, const PageSlice& s, PageStart& ps) {
  for (std::size_t k = s.begin; k < s.end; ++k)
    if (flow.boxes[k].block != static_cast<std::size_t>(-1)) {
      ps.block = flow.boxes[k].block;
      ps.offset = flow.boxes[k].offset;
      return true;
    }
  return false;
}

}  // namespace

BookLayout::BookLayout(const doc::Document& doc, const LayoutInput& input, Diagnostics& diag, PagedDocument& out,
                       FontSystem& fonts, const Hyphenator& hyph)
    : doc_(doc),
      input_(input),
      st_(input.style),
      diag_(diag),
      out_(out),
      fonts_(fonts),
      hyph_(hyph),
      b_(doc, input.style, fonts, hyph, diag, out.links),
      asmb_(input.style, out, rtl_language(doc.metadata.language)) {
  line_ = b_.line();
  H_ = b_.height();
  chapters_ = chapters_open_pages(doc, st_);
  note_sep_ = st_.font_size;
  // Running heads and folios of body and back-matter pages.
  rh_style_ = b_.sid(Face::Italic, st_.font_size * st_.small_size);
  folio_style_ = b_.sid(Face::Regular, st_.font_size * st_.small_size);
  text_w_ = b_.width();
  note_first_.assign(doc.footnotes.size(), 0);
  vnotes_.resize(doc.footnotes.size());
  seen_.assign(doc.footnotes.size(), false);
}

void BookLayout::run() {
  // (The title block opens the flow laid out in order.)
  const bool streaming = input_.stream != nullptr && chapters_ && doc_.sections.size() >= 2 && input_.parallel &&
                         !st_.title_block;
  if (input_.stream) input_.stream->begin(out_.width, out_.height, out_.fonts);
  if (streaming) {
    lay_out_streamed();
  } else {
    lay_out_in_order();
  }
  if (out_.pages.empty()) out_.pages.emplace_back();
  if (input_.stream && !streaming) {
    std::vector<const Page*> all;
    for (const Page& page : out_.pages) all.push_back(&page);
    input_.stream->publish(all, false, out_.links);
  }
}

// The body as one flow, in reading order, then paginated like a streamed
// book's groups: body pages, back matter, the front put before them.
void BookLayout::lay_out_in_order() {
  Flow body;
  // An article runs on: title block, front matter, body, back matter.
  const bool run_on = !st_.chapter_new_page;
  if (st_.title_block) {
    title_block(body);
    title_end_ = body.items.size();
  }
  if (run_on) run_on_matter(body, doc_.front_matter);
  build_sections(b_, body, 0, doc_.sections.size());
  if (doc_.sections.empty()) {
    Ctx ctx;
    ctx.size = st_.font_size;
    for (std::size_t i = 0; i < doc_.body.size(); ++i) {
      ctx.block = i;
      b_.block(body, doc_.body[i], ctx);
    }
  }
  build_notes();
  if (st_.endnotes) end_notes(body);
  if (run_on) run_on_matter(body, doc_.back_matter);
  DestPages dest_page;
  out_.body_first_page = 0;  // until the front pages are put before the body
  place_body(body, dest_page);
  place_back_matter();
  place_front(dest_page);
}

// Body sections [s_begin, s_end) into a flow.
void BookLayout::build_sections(Builder& bb, Flow& flow, std::size_t s_begin, std::size_t s_end) {
  for (std::size_t si = s_begin; si < s_end; ++si) {
    const auto& sec = doc_.sections[si];
    bb.set_section(static_cast<int>(si), body_top_);
    if (chapters_ || (si == 0 && flow.items.empty())) bb.want_page();
    Ctx ctx;
    ctx.size = st_.font_size;
    bb.top_block_base_ = sec.begin;
    for (std::size_t i = sec.begin; i < sec.end && i < doc_.body.size(); ++i) {
      ctx.block = i;
      ctx.path.clear();
      bb.block(flow, doc_.body[i], ctx);
    }
  }
}

void BookLayout::build_notes() {
  for (std::size_t i = 0; i < doc_.footnotes.size(); ++i) {
    note_first_[i] = note_boxes_.size();
    b_.note_lines(doc_.footnotes[i], note_boxes_);
    for (std::size_t k = note_first_[i]; k < note_boxes_.size(); ++k) vnotes_[i].lines.push_back(note_boxes_[k].height);
  }
}

// A note referenced twice is placed at its first reference only (flows
// are given in reading order).
void BookLayout::keep_first_references(Flow& flow) {
  for (auto& it : flow.items) {
    std::vector<int> keep;
    for (int n : it.notes)
      if (n >= 0 && static_cast<std::size_t>(n) < seen_.size() && !seen_[static_cast<std::size_t>(n)] &&
          !vnotes_[static_cast<std::size_t>(n)].lines.empty()) {
        seen_[static_cast<std::size_t>(n)] = true;
        keep.push_back(n);
      }
    it.notes = keep;
  }
}

std::vector<const Page*> BookLayout::place_body(Flow& flow, DestPages& dest_page) {
  keep_first_references(flow);
  const auto slices = paginate_flow(flow, vnotes_, H_, note_sep_);
  const std::size_t first = asmb_.place(flow, slices, note_boxes_, note_first_);
  std::vector<const Page*> handed;
  for (std::size_t p = 0; p < slices.size(); ++p) {
    Page& page = out_.pages[first + p];
    const int number = static_cast<int>(body_pages_ + p + 1);
    page.label = std::to_string(number);
    const auto& sl = slices[p];
    for (std::size_t k = sl.begin; k < sl.end; ++k)
      for (const auto& d : flow.boxes[k].dests) dest_page.emplace(d, number);
    PageStart ps{page.label, first + p, 0, 0};  // front pages added later
    if (page_start(flow, sl, ps)) out_.page_starts.push_back(ps);
    // No running head over a chapter's opening or the title block; a title
    // block longer than a page is set like title pages, without folios.
    const bool in_title = sl.begin < title_end_;
    const bool opening = sl.begin < sl.end && (flow.items[sl.begin].page_before || in_title);
    const int section = sl.begin < sl.end ? flow.boxes[sl.begin].section : -1;
    // The front matter is an even number of pages: sides are known now.
    if (!in_title || slices.front().end > title_end_) add_head(page, (first + p) % 2 == 0, opening, section);
    handed.push_back(&page);
  }
  body_pages_ += slices.size();
  return handed;
}

void BookLayout::add_head(Page& page, bool recto, bool opening, int section) {
  const double x0 = asmb_.left_margin(recto);
  Element e;
  const Shaped& folio = fonts_.shape(folio_style_, page.label);
  Run fr;
  fr.shaped = &folio;
  fr.x = static_cast<float>(x0 + (text_w_ - folio.width) / 2);
  fr.y = static_cast<float>(st_.page_height - st_.margins.bottom * 0.5);
  e.runs.push_back(fr);
  // Running head: none on a chapter's opening page.
  if (st_.running_heads && !opening) {
    std::string head;
    if (!recto) head = doc_.metadata.title;
    else if (section >= 0 && static_cast<std::size_t>(section) < doc_.sections.size())
      head = doc_.sections[static_cast<std::size_t>(section)].title;
    if (head.empty()) head = doc_.metadata.title;
    const Shaped* hs = &running_head(head);
    Run hr;
    hr.shaped = hs;
    hr.x = static_cast<float>(x0 + (text_w_ - hs->width) / 2);
    hr.y = static_cast<float>(st_.margins.top - line_ * 1.2);
    e.runs.push_back(hr);
  }
  page.elements.push_back(std::move(e));
}

// A running head cut to the text width with an ellipsis: the clusters that
// fit, ending at a word when one ends in the last third. Measured from one
// shaping of the head (not one per character dropped), once per head.
const Shaped& BookLayout::running_head(const std::string& head) {
  const auto known = heads_.find(head);
  if (known != heads_.end()) return *known->second;
  const Shaped* set = &fonts_.shape(rh_style_, head);
  if (set->width > text_w_) {
    std::vector<std::pair<std::uint32_t, float>> clusters;  // (first byte, advance), in text order
    for (const Glyph& g : set->glyphs) clusters.emplace_back(g.cluster, g.advance);
    std::sort(clusters.begin(), clusters.end());
    const double room = text_w_ - fonts_.shape(rh_style_, "\u2026").width;
    std::size_t cut = 0;
    double width = 0;
    for (std::size_t k = 0; k < clusters.size(); ++k) {
      const std::size_t next = k + 1 < clusters.size() ? clusters[k + 1].first : head.size();
      width += clusters[k].second;
      if (next != clusters[k].first && width > room) break;
      if (next != clusters[k].first) cut = next;
    }
    const std::size_t space = head.rfind(' ', cut);
    if (space != std::string::npos && space * 3 > cut * 2) cut = space;
    while (cut > 0 && head[cut - 1] == ' ') --cut;
    set = &fonts_.shape(rh_style_, head.substr(0, cut) + "\u2026");
  }
  heads_.emplace(head, set);
  return *set;
}

}  // namespace detail

}  // namespace galley::layout

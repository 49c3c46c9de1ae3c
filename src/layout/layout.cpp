#include "layout/layout.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <future>
#include <unordered_map>

#include "doc/labels.hpp"
#include "layout/builder.hpp"
#include "layout/hyphenate.hpp"
#include "layout/itemize.hpp"
#include "layout/linebreak.hpp"
#include "layout/page_stream.hpp"
#include "layout/paragraph.hpp"
#include "layout/reorder.hpp"
#include "layout/paginate.hpp"

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

using namespace detail;

namespace {

// ------------------------------------------------------------ pages

struct PagedFlow {
  std::vector<PageSlice> slices;
};

class Assembler {
 public:
  Assembler(const Style& st, PagedDocument& out) : st_(st), out_(out) {}

  // Places the slices of a flow as pages; returns the index of the first page.
  std::size_t place(const Flow& flow, const std::vector<PageSlice>& slices, const std::vector<LineBox>& notes,
                    const std::vector<std::size_t>& note_first_line, bool center_vertically = false) {
    const std::size_t first = out_.pages.size();
    for (const PageSlice& s : slices) {
      Page page;
      const bool recto = out_.pages.size() % 2 == 0;
      const double x0 = recto ? st_.margins.inner : st_.margins.outer;
      double y = st_.margins.top;
      if (center_vertically) {
        double h = 0;
        for (std::size_t k = s.begin; k < s.end; ++k) h += flow.boxes[k].height + (k > s.begin ? flow.items[k].space_before : 0);
        const double text_h = st_.page_height - st_.margins.top - st_.margins.bottom;
        y += std::max(0.0, (text_h - h) * 0.3);
      }
      if (s.begin < s.end && s.begin < flow.repeat.size() && flow.repeat[s.begin] >= 0 &&
          !flow.items[s.begin].page_before) {
        const auto& hb = flow.boxes[static_cast<std::size_t>(flow.repeat[s.begin])];
        put(page, hb, x0, y, false);
        y += hb.height;
      }
      for (std::size_t k = s.begin; k < s.end; ++k) {
        if (k > s.begin) y += flow.items[k].space_before;
        put(page, flow.boxes[k], x0, y, true);
        y += flow.boxes[k].height;
      }
      if (!s.notes.empty()) {
        double nh = 0;
        for (const NotePart& np : s.notes)
          for (std::size_t l = np.first; l < np.last; ++l)
            nh += notes[note_first_line[static_cast<std::size_t>(np.note)] + l].height;
        double ny = st_.page_height - st_.margins.bottom - nh;
        Element rule;
        rule.rules.push_back(Rule{static_cast<float>(x0), static_cast<float>(ny - st_.font_size * 0.5),
                                  static_cast<float>(x0 + (st_.page_width - st_.margins.inner - st_.margins.outer) * 0.3),
                                  static_cast<float>(ny - st_.font_size * 0.5), 0.4f});
        page.elements.push_back(std::move(rule));
        for (const NotePart& np : s.notes)
          for (std::size_t l = np.first; l < np.last; ++l) {
            const auto& b = notes[note_first_line[static_cast<std::size_t>(np.note)] + l];
            put(page, b, x0, ny, true);
            ny += b.height;
          }
      }
      out_.pages.push_back(std::move(page));
    }
    return first;
  }

  void put(Page& page, const LineBox& b, double x0, double y, bool with_dests) {
    const float bx = static_cast<float>(x0), by = static_cast<float>(y + b.ascent);
    if (page.elements.empty() || !(page.elements.back().path == b.path) || b.path.empty() || !b.cells.empty() ||
        !page.elements.back().cells.empty()) {
      Element e;
      e.path = b.path;
      e.cells = b.cells;
      page.elements.push_back(std::move(e));
    }
    Element& e = page.elements.back();
    for (Run r : b.runs) {
      r.x += bx;
      r.y += by;
      e.runs.push_back(r);
    }
    for (Rule r : b.rules) {
      r.x0 += bx;
      r.x1 += bx;
      r.y0 += static_cast<float>(y);
      r.y1 += static_cast<float>(y);
      e.rules.push_back(r);
    }
    for (Picture p : b.pictures) {
      p.x += bx;
      p.y += static_cast<float>(y);
      e.pictures.push_back(p);
    }
    if (with_dests)
      for (const auto& d : b.dests) page.destinations.push_back(Destination{d, bx, static_cast<float>(y)});
  }

 private:
  const Style& st_;
  PagedDocument& out_;
};

std::vector<PageSlice> paginate_flow(const Flow& flow, const std::vector<VNote>& notes, double height, double sep) {
  PaginateParams pp;
  pp.page_height = height;
  pp.note_separator = sep;
  // Table headers repeated at a page top take room: fold their height into
  // the first row's allowance by paginating with the repeat known.
  std::vector<VItem> items = flow.items;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (flow.repeat[i] >= 0) items[i].space_before = 0;
  auto slices = paginate(items, notes, pp);
  // A page that starts inside a table body gets its header repeated; if
  // that overflows, the paginator runs again with the header counted.
  bool again = false;
  for (const auto& s : slices)
    if (s.begin < items.size() && flow.repeat[s.begin] >= 0 && !items[s.begin].page_before) {
      items[s.begin].height += flow.items[static_cast<std::size_t>(flow.repeat[s.begin])].height;
      again = true;
    }
  if (again) {
    slices = paginate(items, notes, pp);
  }
  return slices;
}

}  // namespace

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
  // The CJK face is large: load it only when the text needs it.
  bool cjk = needs_cjk(doc.metadata.title);
  if (!cjk) cjk = needs_cjk(doc::plain_text(doc.body)) || needs_cjk(doc::plain_text(doc.front_matter)) ||
                  needs_cjk(doc::plain_text(doc.back_matter));
  for (const auto& a : doc.metadata.authors) cjk = cjk || needs_cjk(a);
  if (cjk && input.cjk_file.empty())
    diag.warn("no CJK font found (install fonts-noto-cjk or set GALLEY_CJK_FONT); CJK characters are not drawn");
  out.fonts = FontSystem::acquire(input.fonts_dir, cjk ? input.cjk_file : std::filesystem::path(),
                                  doc.metadata.language);
  FontSystem& fonts = *out.fonts;
  const std::unique_ptr<Hyphenator> hyph_ptr = hyph_future.get();
  const Hyphenator& hyph = *hyph_ptr;
  if (!hyph.available() && hyph_lang != "none")
    if (const std::string hint = Hyphenator::missing_dictionary_hint(hyph_lang); !hint.empty()) diag.warn(hint);
  Builder b(doc, st, fonts, hyph, diag, out.links);
  Assembler asmb(st, out);
  const double line = b.line();
  const double H = b.height();

  // Sections open new pages in books (long sections), not in articles whose
  // sections are a few paragraphs each.
  std::size_t body_bytes = 0;
  for (const auto& blk : doc.body)
    if (const auto* p = std::get_if<doc::Paragraph>(&blk.node)) body_bytes += doc::plain_text(p->content).size();
  const bool chapters = st.chapter_new_page && !doc.sections.empty() && body_bytes / doc.sections.size() >= 6000;
  // ---- front: title page, front matter, contents, as pages of their own
  // (an even number, so body pages keep their sides whatever the front holds).
  std::vector<VNote> no_notes;
  std::vector<LineBox> no_boxes;
  std::vector<std::size_t> no_first;
  const double note_sep = st.font_size;
  // Front or back matter as a flow of its own, in the small type, on a new page.
  auto matter_flow = [&](const doc::Blocks& blocks) {
    Flow flow;
    b.set_section(-1);
    b.want_page();
    Ctx ctx;
    ctx.size = st.font_size * st.small_size;
    for (const auto& blk : blocks) b.block(flow, blk, ctx);
    return flow;
  };
  auto build_front = [&](PagedDocument& fd, std::unordered_map<std::string, int>& dest_page) {
    Assembler fa(st, fd);
    if (st.title_page) {
      Flow title;
      const auto& m = doc.metadata;
      b.text_block(title, m.title.empty() ? "Untitled" : m.title, Face::Regular, st.font_size * 2.2, 1, "H1", 0, false);
      if (!m.subtitle.empty()) b.text_block(title, m.subtitle, Face::Italic, st.font_size * 1.3, 1, "P", line);
      std::string authors;
      for (std::size_t i = 0; i < m.authors.size(); ++i) authors += (i ? ", " : "") + m.authors[i];
      if (!authors.empty()) b.text_block(title, authors, Face::Regular, st.font_size * 1.3, 1, "P", line * 3);
      std::string imprint = m.publisher;
      if (!m.date.empty()) imprint += (imprint.empty() ? "" : " \u00b7 ") + m.date;
      if (!imprint.empty()) b.text_block(title, imprint, Face::Regular, st.font_size * 0.9, 1, "P", line * 4);
      for (auto& it : title.items) it.keep_with_next = false;
      PaginateParams pp;
      pp.page_height = H;
      auto slices = paginate(title.items, no_notes, pp);
      fa.place(title, slices, no_boxes, no_first, true);
      // Verso of the title page: empty.
      fd.pages.emplace_back();
    }
    if (!doc.front_matter.empty()) {
      Flow front = matter_flow(doc.front_matter);
      auto slices = paginate_flow(front, no_notes, H, note_sep);
      if (fd.pages.size() % 2) fd.pages.emplace_back();
      fa.place(front, slices, no_boxes, no_first);
    }
    const auto flat = doc::flatten(doc.toc);
    if (st.print_toc && !flat.empty()) {
      Flow toc;
      b.text_block(toc, doc::labels_for(doc.metadata.language).contents, Face::Regular,
                   st.font_size * st.headings[0].size, 1, "H1", 0, true, true);
      toc.items.back().keep_with_next = false;
      toc.boxes.back().path = {StructTag{"TOC", 0}, toc.boxes.back().path.front()};
      const int toc_id = b.next_id();
      const int entry_style = b.sid(Face::Regular, st.font_size);
      const Shaped& dot = fonts.shape(entry_style, ".");
      const double gap = b.metrics(entry_style).space * 1.15;
      const double step = dot.width + gap;
      const double num_w = fonts.shape(entry_style, "0000").width;
      bool first = true;
      for (const doc::TocEntry* e : flat) {
        const int page = dest_page.count(e->id) ? dest_page[e->id] : 0;
        const std::string num = page > 0 ? std::to_string(page) : "";
        out.links.push_back(LinkTarget{e->id, ""});
        const int link = static_cast<int>(out.links.size() - 1);
        std::vector<Span> spans{Span{e->text.empty() ? "\u2014" : e->text, entry_style, link, -1, false, false, 0}};
        ParaOpts o;
        o.left = (std::clamp(e->level, 1, 6) - 1) * st.font_size * 1.5;
        o.right = num_w + step * 2;
        o.justify = false;
        o.hyphenate = false;
        o.leading = st.leading;
        o.path = {StructTag{"TOC", toc_id}, StructTag{"TOCI", b.next_id()}};
        std::vector<LineBox> lines;
        std::vector<std::vector<int>> notes;
        b.set_paragraph(spans, o, lines, notes);
        if (lines.empty()) continue;
        LineBox& last = lines.back();
        const Shaped& numsh = fonts.shape(entry_style, num);
        std::vector<double> xs;
        double num_x = 0;
        if (last.rtl) {
          // Right to left: the number at the left, dots from it to the text.
          double text_x = b.width() - o.left;
          for (const Run& run : last.runs) text_x = std::min(text_x, static_cast<double>(run.x));
          for (double x = numsh.width + gap; x + dot.width <= text_x - gap; x += step) xs.push_back(x);
          std::reverse(xs.begin(), xs.end());
        } else {
          double end_x = o.left;
          if (!last.runs.empty()) end_x = last.runs.back().x + last.runs.back().shaped->width;
          num_x = b.width() - numsh.width;
          // Dots right-aligned to the number, spaced like the text's word spaces.
          for (double x = num_x - gap - dot.width; x >= end_x + gap; x -= step) xs.push_back(x);
        }
        for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
          Run r;
          r.shaped = &dot;
          r.x = static_cast<float>(*it);
          r.link = link;
          last.runs.push_back(r);
        }
        Run r;
        r.shaped = &numsh;
        r.x = static_cast<float>(num_x);
        r.link = link;
        last.runs.push_back(r);
        b.add_lines(toc, lines, notes, first ? line * 2 : (e->level <= 1 ? line * 0.3 : 0), false);
        first = false;
      }
      auto slices = paginate_flow(toc, no_notes, H, note_sep);
      if (fd.pages.size() % 2) fd.pages.emplace_back();
      fa.place(toc, slices, no_boxes, no_first);
    }
    if (fd.pages.size() % 2) fd.pages.emplace_back();
    for (std::size_t i = 0; i < fd.pages.size(); ++i) fd.pages[i].label = roman(static_cast<int>(i + 1));
  };

  // ---- running heads and folios of body and back-matter pages
  const int rh_style = b.sid(Face::Italic, st.font_size * st.small_size);
  const int folio_style = b.sid(Face::Regular, st.font_size * st.small_size);
  const double text_w = b.width();
  auto add_head = [&](Page& page, bool recto, bool opening, int section) {
    const double x0 = recto ? st.margins.inner : st.margins.outer;
    Element e;
    const Shaped& folio = fonts.shape(folio_style, page.label);
    Run fr;
    fr.shaped = &folio;
    fr.x = static_cast<float>(x0 + (text_w - folio.width) / 2);
    fr.y = static_cast<float>(st.page_height - st.margins.bottom * 0.5);
    e.runs.push_back(fr);
    // Running head: none on a chapter's opening page.
    if (st.running_heads && !opening) {
      std::string head;
      if (!recto) head = doc.metadata.title;
      else if (section >= 0 && static_cast<std::size_t>(section) < doc.sections.size())
        head = doc.sections[static_cast<std::size_t>(section)].title;
      if (head.empty()) head = doc.metadata.title;
      const Shaped* hs = &fonts.shape(rh_style, head);
      if (hs->width > text_w) {
        // Shorten to fit, with an ellipsis.
        std::string t = head;
        while (!t.empty() && fonts.shape(rh_style, t + "\u2026").width > text_w) {
          t.pop_back();
          while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
          if (!t.empty() && static_cast<unsigned char>(t.back()) >= 0xC0) t.pop_back();
        }
        hs = &fonts.shape(rh_style, t + "\u2026");
      }
      Run hr;
      hr.shaped = hs;
      hr.x = static_cast<float>(x0 + (text_w - hs->width) / 2);
      hr.y = static_cast<float>(st.margins.top - line * 1.2);
      e.runs.push_back(hr);
    }
    page.elements.push_back(std::move(e));
  };

  // ---- body sections [s_begin, s_end) into a flow
  auto build_sections = [&](Builder& bb, Flow& flow, std::size_t s_begin, std::size_t s_end) {
    for (std::size_t si = s_begin; si < s_end; ++si) {
      const auto& sec = doc.sections[si];
      bb.set_section(static_cast<int>(si));
      if (chapters || si == 0) bb.want_page();
      Ctx ctx;
      ctx.size = st.font_size;
      bb.top_block_base_ = sec.begin;
      for (std::size_t i = sec.begin; i < sec.end && i < doc.body.size(); ++i) {
        ctx.block = i;
        ctx.path.clear();
        bb.block(flow, doc.body[i], ctx);
      }
    }
  };
  // ---- footnotes (those referenced from the body), as line boxes
  std::vector<LineBox> note_boxes;
  std::vector<std::size_t> note_first(doc.footnotes.size(), 0);
  std::vector<VNote> vnotes(doc.footnotes.size());
  auto build_notes = [&] {
    for (std::size_t i = 0; i < doc.footnotes.size(); ++i) {
      note_first[i] = note_boxes.size();
      b.note_lines(doc.footnotes[i], note_boxes);
      for (std::size_t k = note_first[i]; k < note_boxes.size(); ++k) vnotes[i].lines.push_back(note_boxes[k].height);
    }
  };
  // A note referenced twice is placed at its first reference only (flows
  // are given in reading order).
  std::vector<bool> seen(doc.footnotes.size(), false);
  auto keep_first_references = [&](Flow& flow) {
    for (auto& it : flow.items) {
      std::vector<int> keep;
      for (int n : it.notes)
        if (n >= 0 && static_cast<std::size_t>(n) < seen.size() && !seen[static_cast<std::size_t>(n)] &&
            !vnotes[static_cast<std::size_t>(n)].lines.empty()) {
          seen[static_cast<std::size_t>(n)] = true;
          keep.push_back(n);
        }
      it.notes = keep;
    }
  };
  // Where a body page begins, for the EPUB's page-list.
  auto page_start = [](const Flow& flow, const PageSlice& s, const std::string& label, std::size_t index) {
    PageStart ps;
    ps.label = label;
    ps.page_index = index;
    for (std::size_t k = s.begin; k < s.end; ++k)
      if (flow.boxes[k].block != static_cast<std::size_t>(-1)) {
        ps.block = flow.boxes[k].block;
        ps.offset = flow.boxes[k].offset;
        break;
      }
    return ps;
  };
  // ---- back matter: pages after the body, numbered on from it; returns the first.
  auto place_back_matter = [&] {
    const std::size_t first = out.pages.size();
    if (doc.back_matter.empty()) return first;
    Flow back = matter_flow(doc.back_matter);
    auto slices = paginate_flow(back, no_notes, H, note_sep);
    asmb.place(back, slices, no_boxes, no_first);
    for (std::size_t i = first; i < out.pages.size(); ++i)
      out.pages[i].label = std::to_string(i - out.body_first_page + 1);
    return first;
  };

  const bool streaming = input.stream != nullptr && chapters && doc.sections.size() >= 2 && input.parallel;
  if (input.stream) input.stream->begin(out.width, out.height, out.fonts);
  if (streaming) {
    // ---- a book, group of chapters by group: each group is laid out,
    // paginated (chapters open new pages, so a group paginates alone) and
    // handed to the painter while the next group is laid out. The front
    // matter comes last (its contents need every page number) and is put
    // before the body here; the painter moves its pages to the front.
    build_notes();
    std::unordered_map<std::string, int> dest_page;  // id -> body page number (1-based)
    const std::size_t nsec = doc.sections.size();
    // Groups of whole sections, about a sixteenth of the body each (the
    // first smaller, so painting starts early).
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    for (std::size_t sec_begin = 0; sec_begin < nsec;) {
      const std::size_t target = std::max<std::size_t>(1, doc.body.size() / (groups.empty() ? 32 : 16));
      std::size_t sec_end = sec_begin + 1;
      while (sec_end < nsec && doc.sections[sec_end].begin - doc.sections[sec_begin].begin < target) ++sec_end;
      groups.emplace_back(sec_begin, sec_end);
      sec_begin = sec_end;
    }
    // A group is laid out by this thread or, when the painter would wait,
    // by the painter's; each thread has its own builder (links and warnings
    // of its own, merged in group order). Groups are paginated, assembled
    // and handed over in order, by whichever thread finishes the next one.
    struct Group {
      Flow flow;
      std::vector<LinkTarget> links;  // created while building, numbered from link_base
      std::size_t link_base = 0;
      std::vector<std::string> warnings;
      std::exception_ptr error;
      bool built = false;
    };
    std::vector<Group> built(groups.size());
    std::atomic<std::size_t> next_group{0};
    std::mutex order_mu;
    std::condition_variable order_cv;
    std::size_t handed_groups = 0;
    std::size_t body_pages = 0;
    std::exception_ptr hand_error;
    auto hand_over = [&](Group& g) {
      const int link_shift = static_cast<int>(out.links.size()) - static_cast<int>(g.link_base);
      for (auto& box : g.flow.boxes)
        for (auto& r : box.runs)
          if (r.link >= 0) r.link += link_shift;
      out.links.insert(out.links.end(), g.links.begin(), g.links.end());
      for (auto& w : g.warnings) diag.warnings.push_back(std::move(w));
      Flow& flow = g.flow;
      keep_first_references(flow);
      const auto slices = paginate_flow(flow, vnotes, H, note_sep);
      const std::size_t first = asmb.place(flow, slices, note_boxes, note_first);
      std::vector<const Page*> handed;
      for (std::size_t p = 0; p < slices.size(); ++p) {
        Page& page = out.pages[first + p];
        const int number = static_cast<int>(body_pages + p + 1);
        page.label = std::to_string(number);
        const auto& sl = slices[p];
        for (std::size_t k = sl.begin; k < sl.end; ++k)
          for (const auto& d : flow.boxes[k].dests) dest_page.emplace(d, number);
        out.page_starts.push_back(page_start(flow, sl, page.label, first + p));  // front pages added below
        const bool opening = sl.begin < sl.end && flow.items[sl.begin].page_before;
        const int section = sl.begin < sl.end ? flow.boxes[sl.begin].section : -1;
        // The front matter is an even number of pages: sides are known now.
        add_head(page, (first + p) % 2 == 0, opening, section);
        handed.push_back(&page);
      }
      body_pages += slices.size();
      input.stream->publish(handed, false, out.links);
      g.flow = Flow{};  // painted from the pages now
    };
    // Builds one unclaimed group; false when none is left. Never throws.
    auto build_group = [&](Builder& bb, std::vector<LinkTarget>& bb_links, Diagnostics& bb_diag) {
      const std::size_t gi = next_group.fetch_add(1);
      if (gi >= groups.size()) return false;
      Group& g = built[gi];
      try {
        g.link_base = bb_links.size();
        build_sections(bb, g.flow, groups[gi].first, groups[gi].second);
        g.links.assign(bb_links.begin() + static_cast<std::ptrdiff_t>(g.link_base), bb_links.end());
        g.warnings.swap(bb_diag.warnings);
        bb_diag.warnings.clear();
      } catch (...) {
        g.error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(order_mu);
      g.built = true;
      while (handed_groups < groups.size() && built[handed_groups].built) {
        Group& next = built[handed_groups];
        if (!next.error && !hand_error) {
          try {
            hand_over(next);
          } catch (...) {
            hand_error = std::current_exception();
          }
        }
        ++handed_groups;
      }
      order_cv.notify_all();
      return true;
    };
    std::vector<LinkTarget> own_links, helper_links;
    Diagnostics own_diag, helper_diag;
    own_diag.file = helper_diag.file = diag.file;
    Builder own(doc, st, fonts, hyph, own_diag, own_links);
    Builder helper(doc, st, fonts, hyph, helper_diag, helper_links);
    own.tag_id_ = 100000000;
    helper.tag_id_ = 200000000;
    {
      struct HelpGuard {
        PageStream& stream;
        ~HelpGuard() { stream.clear_help(); }
      } guard{*input.stream};
      input.stream->set_help([&] { return build_group(helper, helper_links, helper_diag); });
      while (build_group(own, own_links, own_diag)) {
      }
      std::unique_lock<std::mutex> lock(order_mu);
      order_cv.wait(lock, [&] { return handed_groups == groups.size(); });
    }
    for (const auto& g : built)
      if (g.error) std::rethrow_exception(g.error);
    if (hand_error) std::rethrow_exception(hand_error);
    // ---- back matter
    {
      out.body_first_page = 0;  // until the front pages are put before the body
      const std::size_t first = place_back_matter();
      std::vector<const Page*> handed;
      for (std::size_t i = first; i < out.pages.size(); ++i) {
        add_head(out.pages[i], i % 2 == 0, i == first, -1);
        handed.push_back(&out.pages[i]);
      }
      if (!handed.empty()) input.stream->publish(handed, false, out.links);
    }
    // ---- front matter, put before the body
    PagedDocument fd;
    build_front(fd, dest_page);
    const std::size_t front_pages = fd.pages.size();
    for (auto it = fd.pages.rbegin(); it != fd.pages.rend(); ++it) out.pages.push_front(std::move(*it));
    out.body_first_page = front_pages;
    for (auto& ps : out.page_starts) ps.page_index += front_pages;
    std::vector<const Page*> handed;
    for (std::size_t i = 0; i < front_pages; ++i) handed.push_back(&out.pages[i]);
    input.stream->publish(handed, true, out.links);
  } else {
    // ---- body, in reading order
    Flow body;
    build_sections(b, body, 0, doc.sections.size());
    if (doc.sections.empty()) {
      Ctx ctx;
      ctx.size = st.font_size;
      for (std::size_t i = 0; i < doc.body.size(); ++i) {
        ctx.block = i;
        b.block(body, doc.body[i], ctx);
      }
    }
    build_notes();
    keep_first_references(body);
    const auto body_slices = paginate_flow(body, vnotes, H, note_sep);

    // Labels and destinations of body pages, for the TOC.
    std::unordered_map<std::string, int> dest_page;  // id -> body page number (1-based)
    for (std::size_t p = 0; p < body_slices.size(); ++p)
      for (std::size_t k = body_slices[p].begin; k < body_slices[p].end; ++k)
        for (const auto& d : body.boxes[k].dests) dest_page.emplace(d, static_cast<int>(p + 1));

    {
      PagedDocument fd;
      build_front(fd, dest_page);
      for (auto& pg : fd.pages) out.pages.push_back(std::move(pg));
    }

    // ---- body pages
    out.body_first_page = out.pages.size();
    asmb.place(body, body_slices, note_boxes, note_first);
    for (std::size_t p = 0; p < body_slices.size(); ++p) {
      Page& page = out.pages[out.body_first_page + p];
      page.label = std::to_string(p + 1);
      out.page_starts.push_back(page_start(body, body_slices[p], page.label, out.body_first_page + p));
    }

    place_back_matter();

    for (std::size_t p = out.body_first_page; p < out.pages.size(); ++p) {
      const std::size_t bp = p - out.body_first_page;
      bool opening = false;
      int section = -1;
      if (bp < body_slices.size()) {
        const auto& s = body_slices[bp];
        if (s.begin < s.end) {
          opening = body.items[s.begin].page_before;
          section = body.boxes[s.begin].section;
        }
      } else {
        opening = p == out.body_first_page + body_slices.size();
      }
      add_head(out.pages[p], p % 2 == 0, opening, section);
    }
  }

  if (out.pages.empty()) out.pages.emplace_back();
  if (input.stream && !streaming) {
    std::vector<const Page*> all;
    for (const Page& page : out.pages) all.push_back(&page);
    input.stream->publish(all, false, out.links);
  }

  auto missing = fonts.take_missing();
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 20; ++i) list += (i ? ", " : "") + missing[i];
    if (missing.size() > 20) list += ", ...";
    diag.warn("no font in fonts/ has these characters; the PDF shows a blank box for them: " + list);
  }
  (void)b.hyph();
}

}  // namespace galley::layout

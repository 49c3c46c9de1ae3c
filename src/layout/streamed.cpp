// A book laid out group of chapters by group while the painter draws the
// pages already handed over. Each group is laid out, paginated (chapters
// open new pages, so a group paginates alone) and handed to the painter
// while the next group is laid out. The front matter comes last (its
// contents need every page number) and is put before the body; the painter
// moves its pages to the front.
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>

#include "layout/book.hpp"
#include "layout/page_stream.hpp"

namespace galley::layout::detail {

// A group is laid out by this thread or, when the painter would wait, by
// the painter's; each thread has its own builder (links and warnings of its
// own, merged in group order). Groups are paginated, assembled and handed
// over in order, by whichever thread finishes the next one.
struct ChapterGroup {
  std::size_t sec_begin = 0, sec_end = 0;  // sections [sec_begin, sec_end)
  Flow flow;
  std::vector<LinkTarget> links;  // created while building, numbered from link_base
  std::size_t link_base = 0;
  std::vector<std::string> warnings;
  std::exception_ptr error;
  bool built = false;
};

namespace {

// Groups of whole sections, about a sixteenth of the body each (the first
// smaller, so painting starts early).
std::vector<ChapterGroup> chapter_groups(const doc::Document& doc) {
  std::vector<ChapterGroup> groups;
  const std::size_t nsec = doc.sections.size();
  for (std::size_t sec_begin = 0; sec_begin < nsec;) {
    const std::size_t target = std::max<std::size_t>(1, doc.body.size() / (groups.empty() ? 32 : 16));
    std::size_t sec_end = sec_begin + 1;
    while (sec_end < nsec && doc.sections[sec_end].begin - doc.sections[sec_begin].begin < target) ++sec_end;
    groups.emplace_back();
    groups.back().sec_begin = sec_begin;
    groups.back().sec_end = sec_end;
    sec_begin = sec_end;
  }
  return groups;
}

}  // namespace

void BookLayout::lay_out_streamed() {
  build_notes();
  DestPages dest_page;
  std::vector<ChapterGroup> built = chapter_groups(doc_);
  build_groups(built, dest_page);
  out_.body_first_page = 0;  // until the front pages are put before the body
  const std::vector<const Page*> back = place_back_matter();
  if (!back.empty()) input_.stream->publish(back, false, out_.links);
  input_.stream->publish(place_front(dest_page), true, out_.links);
}

void BookLayout::hand_over(ChapterGroup& g, DestPages& dest_page) {
  const int link_shift = static_cast<int>(out_.links.size()) - static_cast<int>(g.link_base);
  for (auto& box : g.flow.boxes)
    for (auto& r : box.runs)
      if (r.link >= 0) r.link += link_shift;
  out_.links.insert(out_.links.end(), g.links.begin(), g.links.end());
  for (auto& w : g.warnings) diag_.warnings.push_back(std::move(w));
  input_.stream->publish(place_body(g.flow, dest_page), false, out_.links);
  g.flow = Flow{};  // painted from the pages now
}

void BookLayout::build_groups(std::vector<ChapterGroup>& built, DestPages& dest_page) {
  std::atomic<std::size_t> next_group{0};
  std::mutex order_mu;
  std::condition_variable order_cv;
  std::size_t handed_groups = 0;
  std::exception_ptr hand_error;
  // Builds one unclaimed group; false when none is left. Never throws.
  auto build_group = [&](Builder& bb, std::vector<LinkTarget>& bb_links, Diagnostics& bb_diag) {
    const std::size_t gi = next_group.fetch_add(1);
    if (gi >= built.size()) return false;
    ChapterGroup& g = built[gi];
    try {
      g.link_base = bb_links.size();
      build_sections(bb, g.flow, g.sec_begin, g.sec_end);
      g.links.assign(bb_links.begin() + static_cast<std::ptrdiff_t>(g.link_base), bb_links.end());
      g.warnings.swap(bb_diag.warnings);
      bb_diag.warnings.clear();
    } catch (...) {
      g.error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(order_mu);
    g.built = true;
    while (handed_groups < built.size() && built[handed_groups].built) {
      ChapterGroup& next = built[handed_groups];
      if (!next.error && !hand_error) {
        try {
          hand_over(next, dest_page);
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
  own_diag.file = helper_diag.file = diag_.file;
  Builder own(doc_, st_, fonts_, hyph_, own_diag, own_links);
  Builder helper(doc_, st_, fonts_, hyph_, helper_diag, helper_links);
  own.tag_id_ = 100000000;
  helper.tag_id_ = 200000000;
  {
    struct HelpGuard {
      PageStream& stream;
      ~HelpGuard() { stream.clear_help(); }
    } guard{*input_.stream};
    input_.stream->set_help([&] { return build_group(helper, helper_links, helper_diag); });
    while (build_group(own, own_links, own_diag)) {
    }
    std::unique_lock<std::mutex> lock(order_mu);
    order_cv.wait(lock, [&] { return handed_groups == built.size(); });
  }
  for (const auto& g : built)
    if (g.error) std::rethrow_exception(g.error);
  if (hand_error) std::rethrow_exception(hand_error);
}

}  // namespace galley::layout::detail

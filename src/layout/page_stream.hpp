// Pages handed from layout to the PDF painter while layout still runs, so a
// book is painted on one core while the other lays out its later chapters.
//
// Order of hand-over: the body pages in reading order, chapter group by
// chapter group, then the back matter, then the front matter (title page and
// contents) last, since the contents' page numbers are known only at the
// end. Pages marked `front` belong before all others; the painter moves them
// there in the finished file. A layout that does not stream hands over every
// page, in final order, when it is done.
//
// The pages themselves stay owned by PagedDocument::pages (a deque, so their
// addresses never change); the stream passes pointers, and a page is never
// written after it was handed over. Once painted, a page's content is
// dropped (painted()): only its label stays, so a long document never holds
// all its pages' glyph runs at once. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "layout/paged.hpp"

namespace galley::layout {

class PageStream {
 public:
  // Layout side. begin() before the first page; the links are every link
  // target so far (the stream keeps those it has not seen yet).
  void begin(double width, double height, std::shared_ptr<FontSystem> fonts) {
    std::lock_guard<std::mutex> lock(mu_);
    width_ = width;
    height_ = height;
    fonts_ = std::move(fonts);
    begun_ = true;
    cv_.notify_all();
  }
  void publish(const std::vector<const Page*>& pages, bool front, const std::vector<LinkTarget>& links) {
    std::lock_guard<std::mutex> lock(mu_);
    for (std::size_t i = links_.size(); i < links.size(); ++i) links_.push_back(links[i]);
    for (const Page* p : pages) queue_.emplace_back(p, front);
    cv_.notify_all();
  }
  // Layout may lend the painter work for the moments it would wait: `help`
  // does one piece of layout and returns false when none is left. Set it
  // before handing over pages; clear_help() waits for a call in progress.
  void set_help(std::function<bool()> help) {
    std::lock_guard<std::mutex> lock(mu_);
    help_ = std::move(help);
  }
  void clear_help() {
    std::unique_lock<std::mutex> lock(mu_);
    help_ = nullptr;
    cv_.wait(lock, [this] { return !helping_; });
  }
  // No more pages: layout finished or failed.
  void finish() {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    cv_.notify_all();
  }

  // Painter side. Waits for begin(); false when layout failed before it.
  bool wait_begin(double& width, double& height, std::shared_ptr<FontSystem>& fonts) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return begun_ || done_; });
    if (!begun_) return false;
    width = width_;
    height = height_;
    fonts = fonts_;
    return true;
  }
  // Waits for the next page; false when layout is finished and every page
  // was taken. `links` is brought up to date with the links published so far.
  bool next(const Page*& page, bool& front, std::vector<LinkTarget>& links) {
    std::unique_lock<std::mutex> lock(mu_);
    while (queue_.empty() && !done_) {
      if (help_) {
        const std::function<bool()> help = help_;
        helping_ = true;
        lock.unlock();
        const bool more = help();
        lock.lock();
        helping_ = false;
        if (!more) help_ = nullptr;
        cv_.notify_all();
        continue;
      }
      cv_.wait(lock);
    }
    for (std::size_t i = links.size(); i < links_.size(); ++i) links.push_back(links_[i]);
    if (queue_.empty()) return false;
    page = queue_.front().first;
    front = queue_.front().second;
    queue_.pop_front();
    return true;
  }
  // The painter is done with `page` (taken from next()): its elements and
  // destinations are freed. The page belongs to PagedDocument::pages, which
  // layout no longer writes once the page was handed over.
  static void painted(const Page* page) {
    Page& p = const_cast<Page&>(*page);
    std::vector<Element>().swap(p.elements);
    std::vector<Destination>().swap(p.destinations);
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool begun_ = false, done_ = false, helping_ = false;
  std::function<bool()> help_;
  double width_ = 0, height_ = 0;
  std::shared_ptr<FontSystem> fonts_;
  std::vector<LinkTarget> links_;
  std::deque<std::pair<const Page*, bool>> queue_;
};

}  // namespace galley::layout

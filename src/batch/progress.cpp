#include "batch/progress.hpp"

#include <cstdio>
#include <iostream>

namespace galley::batch {

Progress::Progress(const Counters& counters, bool live) : counters_(counters), live_(live) {}

Progress::~Progress() { stop(); }

void Progress::start() {
  std::lock_guard lock(mutex_);
  started_ = true;
  if (live_) draw_locked();
}

void Progress::tick() {
  std::lock_guard lock(mutex_);
  if (live_ && started_ && !stopping_ &&
      std::chrono::steady_clock::now() - last_draw_ >= std::chrono::milliseconds(200))
    draw_locked();
}

void Progress::stop() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  if (drawn_) {
    std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }
}

std::string Progress::format(std::size_t done, std::size_t total, bool total_final, double seconds,
                             std::size_t failed) {
  char buf[160];
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string eta = "--:--";
  if (total_final && rate > 0 && total >= done) {
    const auto left = static_cast<long long>(static_cast<double>(total - done) / rate + 0.5);
    char e[32];
    std::snprintf(e, sizeof e, "%lld:%02lld", left / 60, left % 60);
    eta = e;
  }
  std::snprintf(buf, sizeof buf, "%zu/%zu%s, %.1f docs/s, ETA %s, %zu failed", done, total, total_final ? "" : "+",
                rate, eta.c_str(), failed);
  return buf;
}

void Progress::draw_locked() {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::cerr << "\r\033[K"
            << format(counters_.done.load(), counters_.total.load(), counters_.total_final.load(), seconds,
                      counters_.failed.load())
            << std::flush;
  drawn_ = true;
  last_draw_ = std::chrono::steady_clock::now();
}

void Progress::error(const std::string& message) { line("galley: error: " + message); }

void Progress::line(const std::string& text) {
  std::lock_guard lock(mutex_);
  if (drawn_) std::cerr << "\r\033[K";
  std::cerr << text << '\n';
  if (live_ && started_ && !stopping_) draw_locked();
  else std::cerr << std::flush;
}

}  // namespace galley::batch

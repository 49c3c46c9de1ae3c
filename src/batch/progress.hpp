// Progress of a batch on stderr. On a terminal: one live line
// "done/total, rate, ETA, failures" redrawn at most 5 times a second by
// tick(), which the batch's loop calls (no thread of its own: the batch forks
// its workers from a process with one thread); otherwise nothing but errors and the closing summary. Errors
// are printed through here so they never tear the live line.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace galley::batch {

struct Counters {
  std::atomic<std::size_t> done{0};  // finished, whatever the status
  std::atomic<std::size_t> converted{0};
  std::atomic<std::size_t> skipped{0};
  std::atomic<std::size_t> failed{0};
  std::atomic<std::size_t> total{0};          // known so far
  std::atomic<bool> total_final{false};       // total is complete
};

class Progress {
 public:
  Progress(const Counters& counters, bool live);
  ~Progress();  // stops the live line
  void start();
  void tick();  // redraws when the line is 200 ms old
  void stop();  // erases the live line
  void error(const std::string& message);  // "galley: error: ..." line
  void line(const std::string& text);      // any other line (summary)
  bool live() const { return live_; }

  // "12/200, 48.0 docs/s, ETA 0:04, 1 failed"
  static std::string format(std::size_t done, std::size_t total, bool total_final, double seconds, std::size_t failed);

 private:
  void draw_locked();
  const Counters& counters_;
  const bool live_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  std::mutex mutex_;
  bool started_ = false;
  bool stopping_ = false;
  bool drawn_ = false;
};

}  // namespace galley::batch

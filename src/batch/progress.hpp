// Progress of a batch on stderr. On a terminal: one live line
// "done/total, rate, ETA, failures" redrawn at most 5 times a second by its
// own thread; otherwise nothing but errors and the closing summary. Errors
// are printed through here so they never tear the live line.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

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
  void stop();  // erases the live line
  void error(const std::string& message);  // "galley: error: ..." line
  void line(const std::string& text);      // any other line (summary)
  bool live() const { return live_; }

  // "12/200, 48.0 docs/s, ETA 0:04, 1 failed"
  static std::string format(std::size_t done, std::size_t total, bool total_final, double seconds, std::size_t failed);

 private:
  void loop();
  void draw_locked();
  const Counters& counters_;
  const bool live_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace galley::batch

// Ctrl-C / SIGTERM during a batch: the first one stops scheduling new work,
// lets conversions in flight finish and still writes the report; a second one
// ends the process at once (outputs in flight are only temporary files, which
// the next batch removes).
#pragma once

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <functional>
#include <mutex>
#include <thread>

namespace galley::batch {

class SignalStop {
 public:
  // Construct before starting any other thread: they inherit the blocked
  // signals, and a dedicated thread waits for them and calls on_signal.
  explicit SignalStop(std::function<void()> on_signal);
  ~SignalStop();
  SignalStop(const SignalStop&) = delete;
  SignalStop& operator=(const SignalStop&) = delete;
  bool fired() const { return fired_.load(); }

 private:
  std::function<void()> on_signal_;
  sigset_t old_mask_;
  std::atomic<bool> fired_{false};
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  bool waiting_ = true;  // the thread is still in sigwait
  std::thread thread_;
};

}  // namespace galley::batch

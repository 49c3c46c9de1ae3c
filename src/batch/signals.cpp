#include "batch/signals.hpp"

#include <pthread.h>

namespace galley::batch {

namespace {
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}
}  // namespace

SignalStop::SignalStop(std::function<void()> on_signal) : on_signal_(std::move(on_signal)) {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
  thread_ = std::thread([this] {
    const sigset_t set = stop_signals();
    int sig = 0;
    if (sigwait(&set, &sig) != 0) return;
    {
      std::lock_guard lock(mutex_);
      waiting_ = false;
      if (done_) return;  // woken by the destructor (or a signal at the very end)
    }
    fired_ = true;
    on_signal_();
    // A second signal gets the default action (the process ends).
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    std::unique_lock lock(mutex_);
    done_cv_.wait(lock, [&] { return done_; });
  });
}

SignalStop::~SignalStop() {
  bool waiting;
  {
    std::lock_guard lock(mutex_);
    done_ = true;
    waiting = waiting_;
  }
  done_cv_.notify_all();
  if (waiting) pthread_kill(thread_.native_handle(), SIGTERM);  // wakes sigwait
  thread_.join();
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

}  // namespace galley::batch

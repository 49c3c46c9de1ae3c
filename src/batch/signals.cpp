#include "batch/signals.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>

#include "util/error.hpp"

namespace galley::batch {

namespace {

std::atomic<int> g_fd{-1};
std::atomic<int> g_count{0};  // lock-free: safe in a handler

void on_signal(int sig) {
  if (g_count.fetch_add(1) > 0) {  // a second one: the default action, now
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  const int fd = g_fd.load();
  const char byte = 1;
  if (fd >= 0) [[maybe_unused]] auto n = ::write(fd, &byte, 1);
}

}  // namespace

SignalStop::SignalStop() {
  if (::pipe2(pipe_, O_CLOEXEC | O_NONBLOCK) != 0) throw Error("", "cannot set up signal handling");
  g_count.store(0);
  g_fd = pipe_[1];
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

SignalStop::~SignalStop() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
  g_fd = -1;
  ::close(pipe_[0]);
  ::close(pipe_[1]);
}

bool SignalStop::fired() const { return g_count > 0; }

}  // namespace galley::batch

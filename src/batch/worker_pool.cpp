#include "batch/worker_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "util/error.hpp"

namespace galley::batch {

namespace {

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}


}  // namespace

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* abbrev = sigabbrev_np(sig);
    return "killed by signal " + std::to_string(sig) + (abbrev ? " (SIG" + std::string(abbrev) + ")" : "");
  }
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "stopped unexpectedly";
}

WorkerPool::WorkerPool(unsigned size, double timeout_seconds, std::string timeout_text, ChildMain child_main)
    : workers_(size == 0 ? 1 : size),
      timeout_(timeout_seconds),
      timeout_text_(std::move(timeout_text)),
      child_main_(std::move(child_main)) {
  // A write to a child that just died must fail with EPIPE, not end the batch.
  std::signal(SIGPIPE, SIG_IGN);
}

WorkerPool::~WorkerPool() {
  for (auto& w : workers_)
    if (w.pid > 0) reap(w, true);
}

std::size_t WorkerPool::busy() const {
  return static_cast<std::size_t>(std::count_if(workers_.begin(), workers_.end(), [](const Worker& w) { return w.busy; }));
}

std::vector<int> WorkerPool::supervisor_fds() const {
  std::vector<int> fds;
  for (const auto& w : workers_) {
    if (w.to >= 0) fds.push_back(w.to);
    if (w.from >= 0) fds.push_back(w.from);
  }
  return fds;
}

void WorkerPool::spawn(Worker& w) {
  int request[2], reply[2];
  if (::pipe2(request, O_CLOEXEC) != 0) throw Error("", std::string("cannot start a worker: ") + std::strerror(errno));
  if (::pipe2(reply, O_CLOEXEC) != 0) {
    ::close(request[0]);
    ::close(request[1]);
    throw Error("", std::string("cannot start a worker: ") + std::strerror(errno));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {request[0], request[1], reply[0], reply[1]}) ::close(fd);
    throw Error("", std::string("cannot start a worker process: ") + std::strerror(errno));
  }
  if (pid == 0) {
    for (int fd : supervisor_fds()) ::close(fd);
    ::close(request[1]);
    ::close(reply[0]);
    std::signal(SIGINT, SIG_IGN);  // Ctrl-C reaches the supervisor, which stops us
    std::signal(SIGTERM, SIG_DFL);
    // A crash ends the child with its signal, for the supervisor to name
    // (not through a handler the parent may have installed).
    for (int sig : {SIGPIPE, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
#ifdef __linux__
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (::getppid() != parent) ::_exit(1);
    child_main_(request[0], reply[1]);
    ::_exit(0);
  }
  ::close(request[0]);
  ::close(reply[1]);
  ::fcntl(reply[0], F_SETFL, ::fcntl(reply[0], F_GETFL) | O_NONBLOCK);
  w.pid = pid;
  w.to = request[1];
  w.from = reply[0];
  w.busy = false;
  w.buffer.clear();
}

std::string WorkerPool::reap(Worker& w, bool kill_first) {
  if (kill_first) ::kill(w.pid, SIGKILL);
  close_fd(w.to);
  close_fd(w.from);
  int status = 0;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  w.pid = 0;
  w.busy = false;
  w.buffer.clear();
  return describe_exit(status);
}

void WorkerPool::start(Task task) {
  auto it = std::find_if(workers_.begin(), workers_.end(), [](const Worker& w) { return !w.busy && w.pid > 0; });
  if (it == workers_.end()) it = std::find_if(workers_.begin(), workers_.end(), [](const Worker& w) { return w.pid == 0; });
  if (it == workers_.end()) throw Error("", "internal error: no idle worker");
  Worker& w = *it;
  for (int attempt = 0;; ++attempt) {
    if (w.pid == 0) spawn(w);
    if (write_all(w.to, task.request + '\n')) break;
    reap(w, true);  // it died while idle: start a fresh one
    if (attempt == 1) throw Error("", "cannot start a worker process: it ends at once");
  }
  w.busy = true;
  w.task = task.id;
  w.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                                  timeout_ > 0 ? timeout_ : 1e9));
}

bool WorkerPool::read_reply(Worker& w, Outcome& out) {
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(w.from, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) {
      w.buffer.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    const auto nl = w.buffer.find('\n');
    if (nl != std::string::npos && w.busy) {
      out = Outcome{w.task, w.pid, true, w.buffer.substr(0, nl), ""};
      w.buffer.erase(0, nl + 1);
      w.busy = false;
      if (n == 0) reap(w, false);  // replied, then ended (after running out of memory)
      return true;
    }
    if (n == 0) {  // end of file: the child is gone
      const bool was_busy = w.busy;
      out = Outcome{w.task, w.pid, false, "", ""};
      out.failure = reap(w, false);
      return was_busy;
    }
    return false;  // EAGAIN: the rest later
  }
}

std::vector<Outcome> WorkerPool::wait(std::chrono::milliseconds max_wait, int wake_fd) {
  std::vector<Outcome> done;
  std::vector<pollfd> fds;
  std::vector<Worker*> owners;
  auto until = Clock::now() + max_wait;
  for (auto& w : workers_) {
    if (w.pid == 0) continue;
    fds.push_back({w.from, POLLIN, 0});
    owners.push_back(&w);
    if (w.busy) until = std::min(until, w.deadline);
  }
  if (wake_fd >= 0) fds.push_back({wake_fd, POLLIN, 0});
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count() + 1;
  const int n = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(0, left)));
  if (n > 0)
    for (std::size_t i = 0; i < owners.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Outcome o;
      if (read_reply(*owners[i], o)) done.push_back(std::move(o));
    }
  const auto now = Clock::now();
  for (auto& w : workers_)
    if (w.busy && now >= w.deadline) {
      Outcome o{w.task, w.pid, false, "", "took longer than --timeout " + timeout_text_ + " s"};
      reap(w, true);
      done.push_back(std::move(o));
    }
  return done;
}

void WorkerPool::retire(pid_t pid) {
  for (auto& w : workers_)
    if (w.pid == pid && !w.busy) reap(w, true);
}

std::vector<Outcome> WorkerPool::abandon(const std::string& why) {
  std::vector<Outcome> done;
  for (auto& w : workers_)
    if (w.busy) {
      done.push_back(Outcome{w.task, w.pid, false, "", why});
      reap(w, true);
    }
  return done;
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace galley::batch
